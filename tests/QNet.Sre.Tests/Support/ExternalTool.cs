using System.Diagnostics;

namespace QNet.Sre.Tests.Support;

/// <summary>Runs a real tool from Debian's packages; a missing tool fails the test with the package to install.</summary>
internal static class ExternalTool
{
    public static string Require(string name, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        Assert.Fail($"{name} is not installed: install the Debian package '{debianPackage}' (apt-get install {debianPackage}); CI installs it in .ci/run");
        return "";
    }

    /// <summary>Runs the tool to completion and returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string tool, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static string TempDir(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
