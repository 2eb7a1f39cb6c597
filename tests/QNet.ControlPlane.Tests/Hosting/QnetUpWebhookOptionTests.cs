using System.Diagnostics;

namespace QNet.ControlPlane.Tests.Hosting;

/// <summary><c>qnet up --page-webhook/--ticket-webhook</c> refuses bad URLs and a lone half before starting anything.</summary>
public sealed class QnetUpWebhookOptionTests
{
    [Theory]
    [InlineData("ftp://127.0.0.1/page", "http://127.0.0.1/ticket", "--page-webhook must be an absolute http(s) URL, not 'ftp://127.0.0.1/page'")]
    [InlineData("http://127.0.0.1/page", "/relative", "--ticket-webhook must be an absolute http(s) URL, not '/relative'")]
    [InlineData("http://127.0.0.1/page", null, "--page-webhook and --ticket-webhook go together")]
    public async Task Up_BadWebhookOption_FailsNamingTheOption(string page, string? ticket, string message)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var data = Path.Combine(Path.GetTempPath(), $"qnet-hook-{Guid.NewGuid():N}");
        var args = new List<string> { QNet.Testing.QnetPaths.QnetDll(), "up", "--api-port", "0", "--etsi-port", "0", "--data", data, "--page-webhook", page };
        if (ticket is not null)
        {
            args.AddRange(["--ticket-webhook", ticket]);
        }

        args.ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = (await stdout + await stderr).ReplaceLineEndings(" ");

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains(message, System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " "));
        Assert.False(Directory.Exists(data), "nothing may be started or written before the options are valid");
    }
}
