using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands.Faults;

/// <summary>Where the running <c>qnet up</c> is and the bearer token to call it with (shared by <c>qnet faults</c>).</summary>
internal class FaultsSettings : CommandSettings
{
    [CommandOption("--url <URL>")]
    [Description("Base URL of the running `qnet up` API. Default http://127.0.0.1:8080.")]
    public string Url { get; init; } = "http://127.0.0.1:8080";

    [CommandOption("--token <TOKEN>")]
    [Description("Bearer token (`qnet token create`; operator to inject or clear). Default: the QNET_TOKEN environment variable.")]
    public string? Token { get; init; }

    /// <summary>The token given, or QNET_TOKEN.</summary>
    public string? EffectiveToken => Token ?? Environment.GetEnvironmentVariable("QNET_TOKEN");

    public override ValidationResult Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error($"--url must be an http or https URL such as http://127.0.0.1:8080 (got '{Url}')");
        }
        return string.IsNullOrWhiteSpace(EffectiveToken)
            ? ValidationResult.Error("--token is required (or set QNET_TOKEN); create one with `qnet token create --role operator`")
            : ValidationResult.Success();
    }
}
