using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using QNet.Network.Scenarios;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Faults;

/// <summary><c>qnet faults inject KIND TARGET [MAGNITUDE] [--duration S]</c>: injects a fault into a running <c>qnet up</c>.</summary>
internal sealed class FaultsInjectCommand : AsyncCommand<FaultsInjectCommand.Settings>
{
    internal sealed class Settings : FaultsSettings
    {
        [CommandArgument(0, "<KIND>")]
        [Description("Fault kind: link-cut, attenuation-step, visibility-drop, memory-t2-drop, memory-t1-drop, temperature-drift, control-delay, detector-background, swap-degradation, qkd-config-skew, calibration-drift.")]
        public string Kind { get; init; } = "";

        [CommandArgument(1, "<TARGET>")]
        [Description("Link or node id (* for every node, control-delay only).")]
        public string Target { get; init; } = "";

        [CommandArgument(2, "[MAGNITUDE]")]
        [Description("Strength in the kind's unit (docs/scenarios.md#faults); not taken by link-cut.")]
        public double? Magnitude { get; init; }

        [CommandOption("--duration <SECONDS>")]
        [OptionRange(0, QNet.Network.Scenarios.Scenario.MaxDurationSeconds, MinExclusive = true, Meaning = "simulated seconds")]
        [Description("Repair time in simulated seconds after which the fault clears itself. Default: until cleared.")]
        public double? Duration { get; init; }

        public override ValidationResult Validate()
        {
            if (!FaultKinds.TryParse(Kind, out FaultKind kind))
            {
                return ValidationResult.Error($"KIND: unknown fault kind '{Kind}'; allowed: {string.Join(", ", FaultKinds.Names)}");
            }
            if (FaultKinds.HasMagnitude(kind) && Magnitude is null)
            {
                return ValidationResult.Error($"MAGNITUDE is required for {Kind} ({FaultKinds.UnitOf(kind)})");
            }
            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = new ControlPlaneClient(settings);
        string body = JsonSerializer.Serialize(new { kind = settings.Kind, target = settings.Target, magnitude = settings.Magnitude, duration = settings.Duration });
        if (await client.SendAsync(HttpMethod.Post, "api/v1/faults", body, cancellationToken) is not { } fault)
        {
            return ExitCodes.InvalidInput;
        }
        Console.WriteLine(fault.GetProperty("id").GetString());
        string magnitude = settings.Magnitude is { } m ? " " + m.ToString(CultureInfo.InvariantCulture) : "";
        Output.Terminal.Error.MarkupLine($"[grey]{Markup.Escape(settings.Kind)} on {Markup.Escape(settings.Target)}{Markup.Escape(magnitude)} injected; clear it with `qnet faults clear ID`.[/]");
        return ExitCodes.Ok;
    }
}
