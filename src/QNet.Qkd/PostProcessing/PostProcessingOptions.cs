namespace QNet.Qkd.PostProcessing;

/// <summary>Settings of the classical post-processing of one block.</summary>
/// <param name="EpsilonSecrecy">ε_sec of the finite-key bound (0..1, exclusive).</param>
/// <param name="EpsilonCorrectness">ε_cor: bound on the probability that the two keys differ yet pass verification; must be at least the verification hash's collision bound.</param>
/// <param name="TestSampleBits">Z-basis key bits disclosed to estimate the QBER before error correction (sizes Cascade's blocks); removed from the key.</param>
/// <param name="QberConfidence">Failure probability of the reported QBER confidence interval (two-sided Hoeffding).</param>
/// <param name="CascadePasses">Cascade passes.</param>
public sealed record PostProcessingOptions(
    double EpsilonSecrecy = 1e-10,
    double EpsilonCorrectness = 1e-15,
    int TestSampleBits = 4096,
    double QberConfidence = 1e-3,
    int CascadePasses = Cascade.CascadeReconciliation.DefaultPasses)
{
    /// <summary>ε_sec.</summary>
    public double EpsilonSecrecy { get; } = EpsilonSecrecy is > 0 and < 1
        ? EpsilonSecrecy : throw new ArgumentOutOfRangeException(nameof(EpsilonSecrecy), EpsilonSecrecy, "epsilonSecrecy must lie strictly between 0 and 1.");

    /// <summary>ε_cor.</summary>
    public double EpsilonCorrectness { get; } = EpsilonCorrectness is > 0 and < 1
        ? EpsilonCorrectness : throw new ArgumentOutOfRangeException(nameof(EpsilonCorrectness), EpsilonCorrectness, "epsilonCorrectness must lie strictly between 0 and 1.");

    /// <summary>Test bits per block.</summary>
    public int TestSampleBits { get; } = TestSampleBits >= 0
        ? TestSampleBits : throw new ArgumentOutOfRangeException(nameof(TestSampleBits), TestSampleBits, "testSampleBits must be at least 0.");

    /// <summary>Failure probability of the QBER interval.</summary>
    public double QberConfidence { get; } = QberConfidence is > 0 and < 1
        ? QberConfidence : throw new ArgumentOutOfRangeException(nameof(QberConfidence), QberConfidence, "qberConfidence must lie strictly between 0 and 1.");

    /// <summary>Cascade passes.</summary>
    public int CascadePasses { get; } = CascadePasses is >= 1 and <= 16
        ? CascadePasses : throw new ArgumentOutOfRangeException(nameof(CascadePasses), CascadePasses, "cascadePasses must lie between 1 and 16.");

    /// <summary>ε = ε_sec + ε_cor, the security parameter of the produced key.</summary>
    public double SecurityParameter => EpsilonSecrecy + EpsilonCorrectness;
}
