namespace QNet.Network.Scenarios;

/// <summary>
/// The sentence a user can act on from an exception thrown by a parameter record, without the
/// .NET additions to it: " (Parameter 'x')" and the "Actual value was ..." line of an
/// <see cref="ArgumentOutOfRangeException"/>.
/// </summary>
public static class UserMessage
{
    /// <summary>The first line of <paramref name="exception"/>'s message, without the parameter suffix.</summary>
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string message = exception.Message;
        int newline = message.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            message = message[..newline].TrimEnd('\r');
        }
        int parameter = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter >= 0 ? message[..parameter] : message;
    }
}
