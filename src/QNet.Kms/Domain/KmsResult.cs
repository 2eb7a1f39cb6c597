namespace QNet.Kms.Domain;

/// <summary>Either a value or a <see cref="KmsError"/>.</summary>
public readonly record struct KmsResult<T>
{
    private readonly T? _value;

    /// <summary>The refusal, or null on success.</summary>
    public KmsError? Error { get; }

    /// <summary>True when the request was served.</summary>
    public bool IsOk => Error is null;

    /// <summary>The served value; throws when <see cref="IsOk"/> is false.</summary>
    public T Value => IsOk ? _value! : throw new InvalidOperationException($"no value: {Error!.Message}");

    private KmsResult(T? value, KmsError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>A success.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Ok/Fail are the result type's constructors; callers always name the type argument.")]
    public static KmsResult<T> Ok(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Ok/Fail are the result type's constructors; callers always name the type argument.")]
    public static KmsResult<T> Fail(KmsError error) => new(default, error);

    /// <summary>Lifts a refusal.</summary>
    public static implicit operator KmsResult<T>(KmsError error) => Fail(error);
}
