using System.ComponentModel;
using QNet.ControlPlane.Etsi;
using QNet.Kms.Domain;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary><c>qnet kms policy SAE_A SAE_B POLICY</c>: sets a pair's key policy (qkd-only, hybrid, pqc-fallback).</summary>
internal sealed class KmsPolicyCommand : AsyncCommand<KmsPolicyCommand.Settings>
{
    internal sealed class Settings : KmsDataSettings
    {
        [CommandArgument(0, "<SAE_A>")]
        public string SaeA { get; init; } = "";

        [CommandArgument(1, "<SAE_B>")]
        public string SaeB { get; init; } = "";

        [CommandArgument(2, "<POLICY>")]
        [Description("qkd-only | hybrid | pqc-fallback")]
        public string Policy { get; init; } = "";

        public override ValidationResult Validate() =>
            KeyPolicyNames.TryParse(Policy, out _) ? ValidationResult.Success() : ValidationResult.Error("POLICY must be qkd-only, hybrid or pqc-fallback");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!KeyPolicyNames.TryParse(settings.Policy, out var policy))
        {
            return 2;
        }

        if (!await RequiredData.KmsStoreExistsAsync(settings, cancellationToken))
        {
            return ExitCodes.InvalidInput;
        }

        await KmsAdministration.SetPolicyAsync(settings.Data, settings.SaeA, settings.SaeB, policy, settings.Store, settings.MasterKey, TimeProvider.System, cancellationToken);
        // A running KMS reads pair policies from the store on every request, so this holds for its next request.
        AnsiConsole.WriteLine($"policy of {settings.SaeA} <-> {settings.SaeB}: {policy.ToName()} (in force now, also for a running KMS on this store)");
        return 0;
    }
}
