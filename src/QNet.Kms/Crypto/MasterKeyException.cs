namespace QNet.Kms.Crypto;

/// <summary>
/// The master key cannot be used with a store: it is missing where it was looked for, or it is not the key the store
/// was created under. The message says where the key was looked for and which store refused it; nothing has been
/// written when it is thrown.
/// </summary>
public sealed class MasterKeyException : InvalidOperationException
{
    /// <summary>Creates the exception with a message for the operator.</summary>
    public MasterKeyException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the operator and its cause.</summary>
    public MasterKeyException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception (serialization and analyzers ask for it; prefer a message).</summary>
    public MasterKeyException() : base("master key unusable")
    {
    }
}
