using System.Text.Json;
using System.Text.RegularExpressions;
using QNet.ControlPlane.Apis;
using QNet.ControlPlane.Events;
using QNet.ControlPlane.Hosting;
using QNet.ControlPlane.Telemetry;
using QNet.ControlPlane.Twin;
using QNet.Network.Scenarios;
using QNet.Sre.Specs;
using QNet.Testing;

namespace QNet.ControlPlane.Tests.Hosting;

/// <summary>
/// Every shipped example names things the shipped network (the built-in metro scenario <c>qnet up</c> runs) has:
/// the maintenance windows in <c>deploy/slo</c>, and the session, fault, maintenance and calibration requests in the
/// README and <c>docs/</c>, checked by the same code the API runs. (The files in <c>scenarios/</c> are networks of their
/// own; <c>ShippedScenarioTests</c> loads each, and the loader refuses links and sessions naming unknown nodes.)
/// </summary>
public sealed partial class ShippedExamplesTests
{
    private static readonly QNet.Network.Scenarios.Scenario Metro = DefaultScenario.Load();

    // `-d '{...}' <url>/api/v1/<resource>` in a shell example; the URL may be abbreviated ("...").
    [GeneratedRegex(@"-d\s+'(?<body>\{[^']*\})'\s+\S*/api/v1/(?<resource>sessions|faults|maintenance|calibrations)\b")]
    private static partial Regex RequestExample();

    private static IEnumerable<(string File, string Resource, JsonElement Body)> DocumentedRequests()
    {
        var root = QnetPaths.RepositoryRoot;
        var files = Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Append(Path.Combine(root, "README.md"));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            foreach (Match m in RequestExample().Matches(File.ReadAllText(file)))
            {
                yield return (Path.GetRelativePath(root, file), m.Groups["resource"].Value, JsonDocument.Parse(m.Groups["body"].Value).RootElement.Clone());
            }
        }
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // Problems with the names a matcher set uses: link and node values must exist in the metro network.
    private static IEnumerable<string> UnknownNames(IEnumerable<KeyValuePair<string, string>> matchers) => matchers.SelectMany(m => m.Key switch
    {
        "link" when Metro.Links.All(l => l.Id != m.Value) => [$"link '{m.Value}' is not a link of the metro network"],
        "node" when Metro.Nodes.All(n => n.Id != m.Value) => [$"node '{m.Value}' is not a node of the metro network"],
        _ => Array.Empty<string>(),
    });

    [Fact]
    public void MaintenanceWindows_ShippedSpecs_NameLinksAndNodesOfTheShippedNetwork()
    {
        var folder = Path.Combine(QnetPaths.RepositoryRoot, "deploy", "slo");
        var parsed = SpecParser.ParseFiles(Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal));
        var specs = parsed.Specs ?? throw new Xunit.Sdk.XunitException(string.Join("; ", parsed.Errors));

        Assert.NotEmpty(specs.MaintenanceWindows);
        Assert.All(specs.MaintenanceWindows, w => Assert.Empty(UnknownNames(w.Matchers).Select(p => $"{w.Name}: {p}")));
    }

    [Fact]
    public void DocumentedRequests_ReadmeAndDocs_NameNodesAndLinksOfTheShippedNetwork()
    {
        var requests = DocumentedRequests().ToList();
        var twin = new ControlPlane.Twin.Twin(Metro with { Sessions = [] }, new TwinMetrics(), new EventHub(TimeProvider.System),
            new TwinClock(DateTimeOffset.UnixEpoch), 1, _ => Task.FromResult(true), _ => { });
        var problems = new List<string>();
        foreach (var (file, resource, body) in requests)
        {
            string where = $"{file}: {resource} {body.GetRawText()}";
            switch (resource)
            {
                case "sessions":
                    var errors = new SessionRequest(null, Text(body, "source"), Text(body, "destination")).Validate(id => twin.Topology.Nodes.GetValueOrDefault(id));
                    problems.AddRange(errors.Where(e => e.Key is "source" or "destination").Select(e => $"{where}: {e.Key} {string.Join(" ", e.Value)}"));
                    break;
                case "faults":
                    if (!FaultKinds.TryParse(Text(body, "kind"), out var kind))
                    {
                        problems.Add($"{where}: unknown fault kind");
                        break;
                    }
                    double magnitude = body.TryGetProperty("magnitude", out var m) ? m.GetDouble() : 0.5;
                    var (_, field, error) = twin.Inject(kind, Text(body, "target") ?? "", magnitude, null, DateTimeOffset.UnixEpoch);
                    if (field is not null)
                    {
                        problems.Add($"{where}: {field} {error}");
                    }

                    break;
                case "maintenance":
                    var matchers = body.TryGetProperty("matchers", out var mm) ? mm.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")) : [];
                    problems.AddRange(UnknownNames(matchers).Select(p => $"{where}: {p}"));
                    break;
                case "calibrations":
                    if (twin.Calibrate(Text(body, "link") ?? "") is null)
                    {
                        problems.Add($"{where}: link is not a link of the metro network");
                    }

                    break;
            }
        }

        // The README and the docs show at least a session request and a fault injection; a regex that finds nothing must fail.
        Assert.Contains(requests, r => r.Resource == "sessions" && r.File == "README.md");
        Assert.Contains(requests, r => r.Resource == "faults");
        Assert.Empty(problems);
    }
}
