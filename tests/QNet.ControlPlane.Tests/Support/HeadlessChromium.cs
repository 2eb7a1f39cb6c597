using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace QNet.ControlPlane.Tests.Support;

/// <summary>
/// Debian's headless Chromium driven over the DevTools protocol (one page target, commands over its WebSocket): the
/// tests navigate, type into fields, read the DOM and storage and take screenshots as a user's browser would.
/// Console and security messages (CSP violations among them) are collected in <see cref="LogEntries"/>.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly List<string> _logEntries = [];
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Console and browser log messages seen so far ("level source: text").</summary>
    public IReadOnlyList<string> LogEntries
    {
        get
        {
            lock (_logEntries)
            {
                return _logEntries.ToList();
            }
        }
    }

    /// <summary>Starts Chromium with a fresh profile and attaches to a blank page.</summary>
    public static async Task<HeadlessChromium> StartAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: apt-get install chromium (CI installs it)");
        var profile = Path.Combine(Path.GetTempPath(), $"qnet-chromium-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-dev-shm-usage",
            "--window-size=1280,900", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank" })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var browser = new HeadlessChromium(process, profile);
        // Chromium announces its DevTools endpoint on standard error: "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
        string? line;
        int port = 0;
        while ((line = await process.StandardError.ReadLineAsync()) is not null)
        {
            if (DevToolsLine().Match(line) is { Success: true } m)
            {
                port = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                break;
            }
        }
        Assert.True(port > 0, "Chromium exited without announcing its DevTools endpoint");
        _ = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        await browser.SendAsync("Page.enable");
        await browser.SendAsync("Runtime.enable");
        await browser.SendAsync("Log.enable");
        return browser;
    }

    /// <summary>Navigates and waits until the document has loaded.</summary>
    public async Task NavigateAsync(Uri url)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() });
        await WaitForAsync("document.readyState === 'complete' && location.href !== 'about:blank'", "the page to load");
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } error)
        {
            throw new InvalidOperationException($"{expression}: {error.ToJsonString()}");
        }

        return result["result"]?["value"]?.DeepClone();
    }

    /// <summary>Types <paramref name="text"/> as keyboard input into the element <paramref name="selector"/>.</summary>
    public async Task TypeAsync(string selector, string text)
    {
        await EvaluateAsync($"document.querySelector({JsonSerializer.Serialize(selector)}).focus()");
        await SendAsync("Input.insertText", new JsonObject { ["text"] = text });
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it is true (at most 600 times).</summary>
    public async Task WaitForAsync(string condition, string what)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if ((await EvaluateAsync($"Boolean({condition})"))?.GetValue<bool>() == true)
            {
                return;
            }

            await Task.Delay(100);
        }
        Assert.Fail($"gave up waiting for {what}");
    }

    /// <summary>Emulates a screen of <paramref name="width"/> × <paramref name="height"/> CSS pixels (a phone when <paramref name="mobile"/>).</summary>
    public async Task SetViewportAsync(int width, int height, bool mobile = false) =>
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = mobile });

    /// <summary>A real left click (press and release) at viewport point (<paramref name="x"/>, <paramref name="y"/>) in CSS pixels.</summary>
    public async Task ClickAsync(double x, double y, int clickCount = 1)
    {
        await MouseAsync("mouseMoved", x, y, 0);
        await MouseAsync("mousePressed", x, y, clickCount);
        await MouseAsync("mouseReleased", x, y, clickCount);
    }

    /// <summary>A left-button drag from one viewport point to another, through <paramref name="steps"/> moves.</summary>
    public async Task DragAsync(double fromX, double fromY, double toX, double toY, int steps = 8)
    {
        await MouseAsync("mouseMoved", fromX, fromY, 0);
        await MouseAsync("mousePressed", fromX, fromY, 1);
        for (var i = 1; i <= steps; i++)
        {
            await MouseAsync("mouseMoved", fromX + ((toX - fromX) * i / steps), fromY + ((toY - fromY) * i / steps), 0, pressed: true);
        }
        await MouseAsync("mouseReleased", toX, toY, 1);
    }

    private Task<JsonNode> MouseAsync(string type, double x, double y, int clickCount, bool pressed = false) =>
        SendAsync("Input.dispatchMouseEvent", new JsonObject
        {
            ["type"] = type,
            ["x"] = x,
            ["y"] = y,
            ["button"] = type == "mouseMoved" && !pressed ? "none" : "left",
            ["buttons"] = pressed || type == "mousePressed" ? 1 : 0,
            ["clickCount"] = clickCount,
        });

    /// <summary>A PNG screenshot of the viewport.</summary>
    public async Task<byte[]> ScreenshotAsync() =>
        Convert.FromBase64String((string)(await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }))["data"]!);

    private async Task<JsonNode> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var received = new MemoryStream();
            WebSocketReceiveResult part;
            do
            {
                part = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                received.Write(buffer, 0, part.Count);
            }
            while (!part.EndOfMessage);
            var reply = JsonNode.Parse(received.ToArray())!;
            if (reply["method"] is { } @event)
            {
                Collect((string)@event!, reply["params"]);
                continue;
            }
            if ((int?)reply["id"] != id)
            {
                continue;
            }

            if (reply["error"] is { } error)
            {
                throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            }

            return reply["result"]!;
        }
    }

    private void Collect(string method, JsonNode? parameters)
    {
        string? entry = method switch
        {
            "Log.entryAdded" => $"{parameters?["entry"]?["level"]} {parameters?["entry"]?["source"]}: {parameters?["entry"]?["text"]} {parameters?["entry"]?["url"]}",
            "Runtime.consoleAPICalled" => $"{parameters?["type"]} console: {parameters?["args"]?.ToJsonString()}",
            "Runtime.exceptionThrown" => $"error exception: {parameters?["exceptionDetails"]?.ToJsonString()}",
            _ => null,
        };
        if (entry is null)
        {
            return;
        }

        lock (_logEntries)
        {
            _logEntries.Add(entry);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); } catch (WebSocketException) { }
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"DevTools listening on ws://127\.0\.0\.1:(\d+)/")]
    private static partial Regex DevToolsLine();
}
