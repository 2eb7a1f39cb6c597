using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>
/// Checks every verb's numeric options against their <see cref="OptionRangeAttribute"/> before the
/// verb runs, so a range declared beside an option is enforced without each verb remembering to.
/// </summary>
internal sealed class OptionRangeInterceptor : ICommandInterceptor
{
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        if (OptionChecks.Validate(settings) is { Successful: false, Message: { } message })
        {
            throw new OptionValueException(message);
        }
    }

    public void InterceptResult(CommandContext context, CommandSettings settings, ref int result)
    {
    }
}

/// <summary>An option value outside its declared range; the application prints the message and exits with code 2.</summary>
internal sealed class OptionValueException(string message) : Exception(message);
