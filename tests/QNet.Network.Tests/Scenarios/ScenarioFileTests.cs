using System.Diagnostics;
using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Scenarios;

/// <summary>Scenario files are refused before parsing when they are too large or not regular files (the device and FIFO cases need Unix, as CI has).</summary>
public sealed class ScenarioFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qnet-scenario-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LoadFile_LargerThanTheLimit_RefusedNamingTheLimit()
    {
        string path = Path.Combine(_dir, "big.yaml");
        // A valid scenario padded with comments to one byte over the limit: only the size is wrong.
        string head = "name: big\nnodes:\n  - { id: a, kind: end }\n";
        File.WriteAllText(path, head + new string('#', ScenarioFile.MaxBytes + 1 - head.Length));

        ScenarioError error = Assert.Single(ScenarioLoader.LoadFile(path).Errors);

        Assert.Equal((ScenarioError.FileField, 1), (error.Field, error.Line));
        Assert.Contains($"larger than {ScenarioFile.MaxSizeText}", error.Message);
    }

    [Fact]
    public void LoadFile_ExactlyTheLimit_Loads()
    {
        string path = Path.Combine(_dir, "limit.yaml");
        string head = "name: limit\nnodes:\n  - { id: a, kind: end }\n";
        File.WriteAllText(path, head + new string('#', ScenarioFile.MaxBytes - head.Length));

        Assert.True(ScenarioLoader.LoadFile(path).IsValid);
    }

    [Fact]
    public void LoadFile_CharacterDevice_RefusedWithoutReadingIt()
    {
        ScenarioError error = Assert.Single(ScenarioLoader.LoadFile("/dev/zero").Errors);

        Assert.Equal(ScenarioError.FileField, error.Field);
        Assert.Contains("is a character device, not a regular file", error.Message);
    }

    [Fact]
    public void LoadFile_Fifo_RefusedWithoutWaitingForAWriter()
    {
        string path = Path.Combine(_dir, "pipe.yaml");
        using (Process mkfifo = Process.Start("mkfifo", [path]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Opening a FIFO for reading blocks until a writer comes; the check must not open it.
        ScenarioError error = Assert.Single(ScenarioLoader.LoadFile(path).Errors);

        Assert.Contains("is a FIFO (named pipe), not a regular file", error.Message);
    }

    [Fact]
    public void LoadFile_Directory_RefusedAsADirectory()
    {
        ScenarioError error = Assert.Single(ScenarioLoader.LoadFile(_dir).Errors);

        Assert.Equal(ScenarioError.FileField, error.Field);
        Assert.Contains("is a directory", error.Message);
    }

    [Fact]
    public void Overrides_LoadFile_AppliesTheSameGuards()
    {
        ScenarioError error = Assert.Single(ScenarioOverrides.LoadFile("/dev/zero", [new("duration", "1s")]).Errors);

        Assert.Contains("not a regular file", error.Message);
    }
}
