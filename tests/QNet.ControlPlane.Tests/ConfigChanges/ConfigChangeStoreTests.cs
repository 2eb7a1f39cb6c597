using QNet.ControlPlane.ConfigChanges;
using QNet.ControlPlane.Storage;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.ConfigChanges;

/// <summary>Configuration change records round-trip through the store on SQLite and on a real PostgreSQL (migration 6), replaced at each step.</summary>
[Collection("servers")]
public sealed class ConfigChangeStoreTests : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly PostgresFixture _postgres;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-cc-store-{Guid.NewGuid():N}");

    public ConfigChangeStoreTests(PostgresFixture postgres) => _postgres = postgres;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SaveConfigChange_TwoStepsOfOneChange_ListedOnceAsLastSaved(string engine)
    {
        await using var store = engine == "sqlite"
            ? await ControlPlaneStore.OpenAsync(Path.Combine(_root, "cp.db"), null)
            : await ControlPlaneStore.OpenAsync("", await _postgres.CreateDatabaseAsync());
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        var rule = new ConfigChangeRuleView(30, 0.02, 0.25, 3, 100);
        var requested = new ConfigChangeView("cc-1", "bright-state-population", 0.1, "a-r1", 0.01, ["r1-b", "a-r2"], ["a-r2"], "observing", at, at, rule,
            [new ConfigChangeStepView(5, "requested", "observing")], null);
        var figures = new ConfigChangeFiguresView(new SliFigures(7000, 0.99, 230), new SliFigures(9000, 0.93, 300), new SliFigures(3000, 0.99, 100),
            new SliFigures(3000, 0.99, 100), -0.06, -0.0201, 1.3, 0.69, "regressed");
        var rolledBack = requested with
        {
            Status = "rolled-back",
            UpdatedAt = at.AddMinutes(1),
            Steps = [.. requested.Steps, new ConfigChangeStepView(35, "canary-applied", "baking"), new ConfigChangeStepView(65, "rolled-back", "regressed")],
            Figures = figures,
        };
        await store.SaveConfigChangeAsync(requested);
        await store.SaveConfigChangeAsync(rolledBack);
        await store.SaveConfigChangeAsync(requested with { Id = "cc-2", CreatedAt = at.AddHours(1) });

        var listed = await store.ListConfigChangesAsync();
        Assert.Equal(["cc-1", "cc-2"], listed.Select(c => c.Id));
        var read = listed[0];
        Assert.Equal(("rolled-back", at.AddMinutes(1), 0.01), (read.Status, read.UpdatedAt, read.Previous));
        Assert.Equal(["r1-b", "a-r2"], read.Baseline);
        Assert.Equal(["a-r2"], read.Compared);
        Assert.Equal(rule, read.Rule);
        Assert.Equal(["requested", "canary-applied", "rolled-back"], read.Steps.Select(s => s.Step));
        Assert.Equal(figures with { }, read.Figures! with { });
        Assert.Equal(-0.06, read.Figures!.QualityShift);
        Assert.Equal(0.93, read.Figures.CanaryAfter.Quality);
    }
}
