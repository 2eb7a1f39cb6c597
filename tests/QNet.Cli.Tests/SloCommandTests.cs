namespace QNet.Cli.Tests;

public sealed class SloCommandTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QNet.slnx")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "qnet-cli-slo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Validate_ShippedSpecs_Succeeds()
    {
        var code = QNetApp.Create().Run(["slo", "validate", Path.Combine(RepoRoot(), "deploy", "slo")]);

        Assert.Equal(0, code);
    }

    [Fact]
    public void Validate_BadSpec_FailsWithoutException()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(file, "apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: x}\nspec: {service: s}\n");

        var code = QNetApp.Create().Run(["slo", "validate", file]);

        Assert.Equal(1, code);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Generate_ShippedSpecs_WritesRulesTestsAlertmanagerAndDashboards()
    {
        var dir = TempDir();

        var code = QNetApp.Create().Run(["slo", "generate", Path.Combine(RepoRoot(), "deploy", "slo"), "--out", dir, "--page-webhook", "http://127.0.0.1:9/page"]);

        Assert.Equal(0, code);
        // One file per SLO spec, the link-down rule, the node-agent rule, the twin-clock rule and the failure-mode rules
        // (F3, F5, F7, F8 predictive).
        Assert.Equal(14, Directory.GetFiles(Path.Combine(dir, "prometheus", "rules")).Length);
        Assert.True(File.Exists(Path.Combine(dir, "prometheus", "rules", "qnet-twin-clock.yaml")));
        // Tests: one per SLO spec with a scenario, the failure-mode alerts and the link-down alert.
        Assert.Equal(12, Directory.GetFiles(Path.Combine(dir, "prometheus", "tests")).Length);
        Assert.True(File.Exists(Path.Combine(dir, "prometheus", "tests", "qnet-link-down.test.yaml")));
        Assert.Contains("http://127.0.0.1:9/page", File.ReadAllText(Path.Combine(dir, "alertmanager", "alertmanager.yaml")), StringComparison.Ordinal);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(dir, "grafana", "dashboards"), "*.json").Length);
        Assert.True(File.Exists(Path.Combine(dir, "grafana", "provisioning", "dashboards", "qnet.yaml")));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Generate_NonHttpWebhook_IsRefused()
    {
        var dir = TempDir();

        var code = QNetApp.Create().Run(["slo", "generate", Path.Combine(RepoRoot(), "deploy", "slo"), "--out", dir, "--ticket-webhook", "ftp://x"]);

        Assert.Equal(1, code);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
        Directory.Delete(dir);
    }
}
