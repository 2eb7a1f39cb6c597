using QNet.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Tests.Commands;

/// <summary>Drives <c>qnet validate</c> through the real command tree with a captured console.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qnet-validate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        var app = QNetApp.Create();
        app.Configure(config => config.ConfigureConsole(console));
        int exitCode = app.Run(args);
        return (exitCode, writer.ToString().ReplaceLineEndings("\n"));
    }

    private string Write(string fileName, string text)
    {
        string path = Path.Combine(_folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    internal static string ScenariosFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "QNet.slnx")))
            {
                return Path.Combine(dir.FullName, "scenarios");
            }
        }
        throw new DirectoryNotFoundException("No QNet.slnx above the test binaries; cannot find scenarios/.");
    }

    public static TheoryData<string> ShippedFiles() =>
        [.. Directory.EnumerateFiles(ScenariosFolder()).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Select(f => Path.GetFileName(f))
            .Where(f => f != "costs.yaml") // the planner's cost model (docs/planning.md), not a scenario
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void Validate_IssueTwoScenario_ExitsZeroWithSummary()
    {
        string path = Path.Combine(ScenariosFolder(), "two-node-50km.yaml");

        var (exitCode, output) = Run("validate", path);

        Assert.Equal(ValidateCommand.Valid, exitCode);
        Assert.Equal($"{path}: valid scenario two-node-50km: 2 nodes, 1 link, 0 sessions; seed 7, duration 60s\n", output);
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Validate_ShippedScenario_ExitsZero(string fileName)
    {
        var (exitCode, output) = Run("validate", Path.Combine(ScenariosFolder(), fileName));

        Assert.True(exitCode == ValidateCommand.Valid, output);
        Assert.Contains(": valid scenario ", output);
    }

    [Fact]
    public void Validate_InvalidFile_ExitsTwoAndPrintsEveryErrorOnItsOwnLine()
    {
        string path = Write("bad.yaml", """
            name: bad
            nodes:
              - { id: alice, kind: end, memory: { t1: 1s, t2: 5s } }
              - { id: bob, kind: end }
            links:
              - { id: alice-bob, between: [alice, carol], length: 50, attenuation: 0.2dB/km, heralding: single-click, brightStatePopulation: 1.5 }
            """);

        var (exitCode, output) = Run("validate", path);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.Equal(
            [
                $"{path}:3:51: nodes[0].memory.t2: t2 (5s) cannot exceed 2·t1 (1s): T2 includes the decay caused by T1",
                $"{path}:6:39: links[0].between[1]: unknown node 'carol'",
                $"{path}:6:55: links[0].length: missing unit: '50' needs a length unit (m, km), e.g. 50km",
                $"{path}:6:130: links[0].brightStatePopulation: must be greater than 0 and at most 1 (got 1.5)",
                $"{path}: 4 errors",
            ],
            output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Validate_MarkupCharactersInFileNameAndValues_ArePrintedLiterally()
    {
        string path = Write("[red]net[bold.yaml", "name: '[bold]x[/]'\nnodes:\n  - { id: '[/]', kind: end }\n");

        var (exitCode, output) = Run("validate", path);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.Equal(
            $"{path}:3:11: nodes[0].id: '[/]' is not a valid id: it must be 1 to 64 characters of letters, digits, '-' and '_'\n{path}: 1 error\n",
            output);
    }

    [Fact]
    public void Validate_ValidFileWithMarkupInName_PrintsNameLiterally()
    {
        string path = Write("[x].yaml", "name: '[bold]x[/]'\nnodes:\n  - { id: a, kind: end }\n");

        var (exitCode, output) = Run("validate", path);

        Assert.Equal(ValidateCommand.Valid, exitCode);
        Assert.Equal($"{path}: valid scenario [bold]x[/]: 1 node, 0 links, 0 sessions; seed 1, duration 10s\n", output);
    }

    [Fact]
    public void Validate_YamlSyntaxError_ExitsTwoWithPosition()
    {
        string path = Write("syntax.yaml", "name: t\nnodes: [ { id: a, kind: end }\n");

        var (exitCode, output) = Run("validate", path);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.StartsWith($"{path}:3:1: (syntax): YAML syntax error", output);
    }

    [Fact]
    public void Validate_MissingFile_ExitsOne()
    {
        string path = Path.Combine(_folder, "absent.yaml");

        var (exitCode, output) = Run("validate", path);

        Assert.Equal(ValidateCommand.FileMissing, exitCode);
        Assert.Equal($"{path}: no such file\n", output);
    }

    [Theory]
    [InlineData("heralding: double-click, length: 0km", "links[0].length: light crosses this link (0km) in less than 1 ps")]
    [InlineData("heralding: probabilistic, successProbability: 0.1, attemptDuration: 0.001ps, fidelity: 0.9", "links[0].attemptDuration: must be at least 1ps")]
    [InlineData("heralding: double-click, length: 50km, attenuation: 1e6dB/km", "links[0].attenuation: no light gets through this link")]
    public void Validate_LinkTheSimulatorWouldRefuse_ExitsTwoWithLineAndField(string body, string error)
    {
        string path = Write("escape.yaml", "name: t\nnodes:\n  - { id: a, kind: end }\n  - { id: b, kind: end }\nlinks:\n  - { id: l, between: [a, b], " + body + " }\n");

        var (exitCode, output) = Run("validate", path);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.StartsWith($"{path}:6:", output);
        Assert.Contains(error, output);
        Assert.DoesNotContain("Parameter", output);
    }

    [Fact]
    public void Validate_CharacterDevice_ExitsTwoWithoutReadingIt()
    {
        var (exitCode, output) = Run("validate", "/dev/zero");

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.StartsWith("/dev/zero:1:1: (file): is a character device, not a regular file", output);
    }

    [Fact]
    public void Validate_Directory_ExitsTwoSayingItIsADirectory()
    {
        var (exitCode, output) = Run("validate", _folder);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.Contains("(file): is a directory, not a scenario file", output);
    }

    [Fact]
    public void Validate_SecretsFile_DoesNotEchoItsContent()
    {
        string secret = "sk_live_51HcQ2JKZ8yXQ3vN0aPqRsTuVwXyZ0123456789abcdefABCDEF";
        string path = Write("secrets.env", $"STRIPE_KEY_{secret}: x\nDATABASE_URL: postgres://admin:{secret}@db/prod\n");

        var (exitCode, output) = Run("validate", path);

        Assert.Equal(ValidateCommand.Invalid, exitCode);
        Assert.DoesNotContain(secret, output);
        Assert.DoesNotContain("postgres://", output);
    }
}
