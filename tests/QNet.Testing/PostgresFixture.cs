using System.Diagnostics;
using Npgsql;
using Xunit;

namespace QNet.Testing;

/// <summary>
/// A real PostgreSQL 15 server started from Debian's binaries on a free loopback port, in a data directory under /tmp
/// owned by the <c>postgres</c> user (the server refuses to run as root). Each test gets its own database.
/// Fails, never skips, when the binaries are missing: CI installs the <c>postgresql</c> package.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"qnet-pg-{Guid.NewGuid():N}");
    private Process? _server;
    private int _databases;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var postgres = Path.Combine(BinDirectory, "postgres");
        if (!File.Exists(postgres))
        {
            throw new InvalidOperationException($"PostgreSQL binaries not found in {BinDirectory}: install the Debian package 'postgresql' (apt-get install postgresql)");
        }

        var data = Path.Combine(_root, "data");
        Directory.CreateDirectory(_root);
        Run("chown", "-R", "postgres:postgres", _root);
        RunAsPostgres(Path.Combine(BinDirectory, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C");
        Port = LoopbackPort.Free();
        _server = Start(AsPostgres(postgres, "-D", data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", _root,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (attempt < 300 && !_server.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"qnet_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..24];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }
        _server?.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string[] AsPostgres(string program, params string[] args) =>
        IsRoot ? ["runuser", "-u", "postgres", "--", program, .. args] : [program, .. args];

    private static void RunAsPostgres(string program, params string[] args) => Run(AsPostgres(program, args));

    private static void Run(params string[] command)
    {
        using var process = Start(command);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', command)}` failed with {process.ExitCode}: {error}{output.Result}");
        }
    }

    private static Process Start(string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in command[1..])
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {command[0]}");
    }
}
