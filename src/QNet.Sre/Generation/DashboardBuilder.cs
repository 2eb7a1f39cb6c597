using System.Text.Json.Nodes;

namespace QNet.Sre.Generation;

/// <summary>Builds one Grafana dashboard (schema 39) panel by panel, laying panels out left to right on a 24-column grid.</summary>
internal sealed class DashboardBuilder(string uid, string title, string from, string[] tags)
{
    private readonly JsonArray _panels = [];
    private int _x;
    private int _y;
    private int _rowHeight;
    private int _id = 1;

    public DashboardBuilder Row(string title)
    {
        NewLine();
        _panels.Add(new JsonObject
        {
            ["id"] = _id++,
            ["type"] = "row",
            ["title"] = title,
            ["collapsed"] = false,
            ["gridPos"] = Grid(24, 1),
            ["panels"] = new JsonArray(),
        });
        _y += 1;
        return this;
    }

    public DashboardBuilder TimeSeries(string title, string unit, int width, params (string Expr, string Legend)[] queries) =>
        Panel("timeseries", title, unit, width, 8, queries, null);

    public DashboardBuilder TimeSeriesWithThreshold(string title, string unit, int width, double threshold, bool goodAbove, params (string Expr, string Legend)[] queries) =>
        Panel("timeseries", title, unit, width, 8, queries, Thresholds(threshold, goodAbove));

    public DashboardBuilder Stat(string title, string unit, int width, double? threshold, bool goodAbove, params (string Expr, string Legend)[] queries) =>
        Panel("stat", title, unit, width, 5, queries, threshold is null ? null : Thresholds(threshold.Value, goodAbove));

    public DashboardBuilder AlertList(string title, int width, string filter)
    {
        Place(width, 8);
        _panels.Add(new JsonObject
        {
            ["id"] = _id++,
            ["type"] = "alertlist",
            ["title"] = title,
            ["gridPos"] = Grid(width, 8),
            ["options"] = new JsonObject
            {
                ["alertName"] = "",
                ["dashboardAlerts"] = false,
                ["groupMode"] = "default",
                ["maxItems"] = 50,
                ["showInstances"] = true,
                ["sortOrder"] = 1,
                ["stateFilter"] = new JsonObject { ["firing"] = true, ["pending"] = true, ["noData"] = false, ["normal"] = false, ["error"] = true },
                ["alertInstanceLabelFilter"] = filter,
                ["viewMode"] = "list",
            },
        });
        Advance(width, 8);
        return this;
    }

    public DashboardBuilder Text(string title, int width, string markdown)
    {
        Place(width, 6);
        _panels.Add(new JsonObject
        {
            ["id"] = _id++,
            ["type"] = "text",
            ["title"] = title,
            ["gridPos"] = Grid(width, 6),
            ["options"] = new JsonObject { ["mode"] = "markdown", ["content"] = markdown },
        });
        Advance(width, 6);
        return this;
    }

    public JsonObject Build() => new()
    {
        ["uid"] = uid,
        ["title"] = title,
        ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        ["timezone"] = "utc",
        ["schemaVersion"] = 39,
        ["version"] = 1,
        ["editable"] = false,
        ["refresh"] = "1m",
        ["time"] = new JsonObject { ["from"] = from, ["to"] = "now" },
        ["templating"] = new JsonObject
        {
            ["list"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = "datasource",
                    ["label"] = "Prometheus",
                    ["type"] = "datasource",
                    ["query"] = "prometheus",
                    ["current"] = new JsonObject(),
                    ["hide"] = 0,
                },
            },
        },
        ["annotations"] = new JsonObject { ["list"] = new JsonArray() },
        ["panels"] = _panels,
    };

    private DashboardBuilder Panel(string type, string title, string unit, int width, int height, (string Expr, string Legend)[] queries, JsonObject? thresholds)
    {
        Place(width, height);
        var defaults = new JsonObject { ["unit"] = unit };
        if (thresholds is not null)
        {
            defaults["thresholds"] = thresholds;
            defaults["custom"] = new JsonObject { ["thresholdsStyle"] = new JsonObject { ["mode"] = "line" } };
        }

        var targets = new JsonArray();
        for (var i = 0; i < queries.Length; i++)
        {
            targets.Add(new JsonObject
            {
                ["refId"] = ((char)('A' + i)).ToString(),
                ["datasource"] = Datasource(),
                ["expr"] = queries[i].Expr,
                ["legendFormat"] = queries[i].Legend,
            });
        }

        _panels.Add(new JsonObject
        {
            ["id"] = _id++,
            ["type"] = type,
            ["title"] = title,
            ["datasource"] = Datasource(),
            ["gridPos"] = Grid(width, height),
            ["fieldConfig"] = new JsonObject { ["defaults"] = defaults, ["overrides"] = new JsonArray() },
            ["targets"] = targets,
        });
        Advance(width, height);
        return this;
    }

    private static JsonObject Datasource() => new() { ["type"] = "prometheus", ["uid"] = "${datasource}" };

    private static JsonObject Thresholds(double threshold, bool goodAbove) => new()
    {
        ["mode"] = "absolute",
        ["steps"] = new JsonArray
        {
            new JsonObject { ["color"] = goodAbove ? "red" : "green", ["value"] = null },
            new JsonObject { ["color"] = goodAbove ? "green" : "red", ["value"] = threshold },
        },
    };

    private JsonObject Grid(int w, int h) => new() { ["x"] = _x, ["y"] = _y, ["w"] = w, ["h"] = h };

    private void Place(int width, int height)
    {
        if (_x + width > 24)
        {
            NewLine();
        }

        _rowHeight = Math.Max(_rowHeight, height);
    }

    private void Advance(int width, int height)
    {
        _x += width;
        _rowHeight = Math.Max(_rowHeight, height);
    }

    private void NewLine()
    {
        _y += _rowHeight;
        _x = 0;
        _rowHeight = 0;
    }
}
