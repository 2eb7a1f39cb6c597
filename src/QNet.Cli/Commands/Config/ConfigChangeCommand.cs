using System.ComponentModel;
using System.Text.Json;
using QNet.Cli.Commands.Faults;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Config;

/// <summary><c>qnet config change FIELD VALUE [--link L]</c>: starts a safe configuration change (canary first) on a running <c>qnet up</c>.</summary>
internal sealed class ConfigChangeCommand : AsyncCommand<ConfigChangeCommand.Settings>
{
    internal sealed class Settings : FaultsSettings
    {
        [CommandArgument(0, "<FIELD>")]
        [Description("bright-state-population, source-efficiency, detector-efficiency, detection-window (seconds) or post-processing-version (QKD links).")]
        public string Field { get; init; } = "";

        [CommandArgument(1, "<VALUE>")]
        [Description("The new value in the field's unit.")]
        public double Value { get; init; }

        [CommandOption("--link <LINK>")]
        [Description("The canary link. Default: the first link the field applies to.")]
        public string? Link { get; init; }

        [CommandOption("--bake <SECONDS>")]
        [OptionRange(0, QNet.ControlPlane.ConfigChanges.ConfigChangeRule.MaxBakeSeconds, MinExclusive = true, Meaning = "simulated seconds")]
        [Description("Simulated seconds of the before-window and of the bake. Default 60.")]
        public double? Bake { get; init; }

        [CommandOption("--quality-margin <MARGIN>")]
        [OptionRange(0, 1)]
        [Description("Quality loss tolerated beyond the noise (fidelity, or fraction of verified QKD blocks). Default 0.02.")]
        public double? QualityMargin { get; init; }

        [CommandOption("--rate-margin <MARGIN>")]
        [OptionRange(0, 1, MaxExclusive = true)]
        [Description("Relative rate loss tolerated beyond the noise. Default 0.25.")]
        public double? RateMargin { get; init; }

        [CommandOption("--sigmas <Z>")]
        [OptionRange(0, 10, Meaning = "standard errors")]
        [Description("Standard errors added to each margin. Default 3.")]
        public double? Sigmas { get; init; }

        [CommandOption("--min-samples <N>")]
        [OptionRange(1, int.MaxValue)]
        [Description("Fewest pairs (QKD: blocks) each canary window needs. Default 100 (QKD 3).")]
        public int? MinSamples { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = new ControlPlaneClient(settings, "changing the configuration");
        string body = JsonSerializer.Serialize(new
        {
            field = settings.Field,
            value = settings.Value,
            link = settings.Link,
            bakeSeconds = settings.Bake,
            qualityMargin = settings.QualityMargin,
            rateMargin = settings.RateMargin,
            noiseSigmas = settings.Sigmas,
            minSamples = settings.MinSamples,
        });
        if (await client.SendAsync(HttpMethod.Post, "api/v1/config-changes", body, cancellationToken) is not { } change)
        {
            return ExitCodes.InvalidInput;
        }
        Console.WriteLine(change.GetProperty("id").GetString());
        Output.Terminal.Error.MarkupLine($"[grey]{Markup.Escape(change.GetProperty("steps")[0].GetProperty("reason").GetString() ?? "")}; follow it with `qnet config show ID`.[/]");
        return ExitCodes.Ok;
    }
}
