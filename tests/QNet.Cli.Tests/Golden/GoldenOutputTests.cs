using System.Text.Json;
using System.Text.Json.Nodes;

namespace QNet.Cli.Tests.Golden;

/// <summary>
/// Pins the JSON of <c>qnet simulate</c> on every shipped scenario and of <c>qnet qkd</c> on a few
/// sweeps to the committed files beside this class, so a refactoring is proven not to change a
/// single result. Runs are seeded and deterministic, so the comparison is exact (same runtime and
/// platform); only the wall-clock fields are removed. Each case runs the real program, at the
/// file's own duration except where that is long (metro bounds a twin's run at 2400 h).
/// </summary>
/// <remarks>
/// To regenerate after an intended change: <c>QNET_UPDATE_GOLDEN=1 dotnet test tests/QNet.Cli.Tests
/// --filter GoldenOutputTests</c>. Each case then rewrites its file and fails, so an update is never
/// mistaken for a pass; review the diff with git, then run again without the variable. Without the
/// variable nothing is ever written.
/// </remarks>
public sealed class GoldenOutputTests
{
    private const string UpdateVariable = "QNET_UPDATE_GOLDEN";

    /// <summary>Fields that measure the machine, not the simulation.</summary>
    private static readonly string[] WallClockFields = ["wallClock"];

    /// <summary>Every file in <c>scenarios/</c> is either simulated here or listed as not a scenario.</summary>
    private static readonly string[] NotScenarios = ["costs.yaml"];

    /// <summary>Scenario file → <c>--duration</c> override (null: the file's own duration).</summary>
    private static readonly Dictionary<string, string?> Scenarios = new()
    {
        ["bbm92-midpoint-source.yaml"] = null,
        ["cloud-offload.yaml"] = null,
        ["double-click-25km.json"] = null,
        ["free-space-ground-satellite.yaml"] = null,
        ["metro.yaml"] = "60s",
        ["metro-faults.yaml"] = null,
        ["probabilistic-link.yaml"] = null,
        ["qkd-bb84-decoy.yaml"] = null,
        ["qkd-over-repeaters.yaml"] = null,
        ["repeater-chain.yaml"] = null,
        ["sequence-matched-chain.yaml"] = null,
        ["switch.yaml"] = null,
        ["two-node-50km.yaml"] = null,
    };

    /// <summary>Golden name → <c>qnet qkd</c> arguments; the scenario path is relative to the repository root.</summary>
    private static readonly Dictionary<string, string[]> QkdCases = new()
    {
        ["qkd-bb84-decoy-0km-50km"] = ["qkd", "--json", "--seed", "3", "--distance", "0km..50km:50km", "--block-bits", "1000000"],
        ["qkd-bbm92-0km-100km"] = ["qkd", "--json", "--seed", "4", "--protocol", "bbm92", "--distance", "0km..100km:50km", "--block-bits", "100000"],
        ["qkd-file-bbm92-midpoint-source"] = ["qkd", "scenarios/bbm92-midpoint-source.yaml", "--json", "--seed", "9", "--block-bits", "100000"],
    };

    public static TheoryData<string> ScenarioFiles => new(Scenarios.Keys);

    public static TheoryData<string> QkdCaseNames => new(QkdCases.Keys);

    [Fact]
    public void Scenarios_EveryShippedFile_HasAGoldenCase()
    {
        string[] shipped = Directory.GetFiles(Path.Combine(QnetProcess.RepositoryRoot, "scenarios"))
            .Select(Path.GetFileName).OfType<string>().Except(NotScenarios).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(shipped, Scenarios.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public void Simulate_ShippedScenario_MatchesGoldenJson(string file)
    {
        var args = new List<string> { "simulate", Path.Combine("scenarios", file), "--json" };
        if (Scenarios[file] is { } duration)
        {
            args.AddRange(["--duration", duration]);
        }
        AssertMatchesGolden("simulate-" + Path.GetFileNameWithoutExtension(file), args.ToArray());
    }

    [Theory]
    [MemberData(nameof(QkdCaseNames))]
    public void Qkd_Sweep_MatchesGoldenJson(string name) => AssertMatchesGolden(name, QkdCases[name]);

    private static void AssertMatchesGolden(string name, string[] args)
    {
        QnetProcess.Result r = QnetProcess.RunIn(QnetProcess.RepositoryRoot, args);
        Assert.True(r.ExitCode == 0, $"qnet {string.Join(' ', args)} exited {r.ExitCode}: {r.StdErr}");
        string actual = Normalise(r.StdOut);
        string path = Path.Combine(QnetProcess.RepositoryRoot, "tests", "QNet.Cli.Tests", "Golden", name + ".json");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
            Assert.Fail($"{UpdateVariable}=1: wrote {path}; review it with git diff and run again without the variable.");
        }
        Assert.True(File.Exists(path), $"{path} is missing; create it with {UpdateVariable}=1 (see {nameof(GoldenOutputTests)}).");
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    /// <summary>The document without its wall-clock fields, indented, one trailing newline.</summary>
    private static string Normalise(string json)
    {
        JsonObject root = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("qnet wrote no JSON object.");
        foreach (string field in WallClockFields)
        {
            root.Remove(field);
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }
}
