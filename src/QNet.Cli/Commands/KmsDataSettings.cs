using System.ComponentModel;
using Spectre.Console.Cli;

namespace QNet.Cli.Commands;

/// <summary>Options every KMS-related verb takes: where the data, the store and the master key are.</summary>
internal class KmsDataSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("Data directory (PKI in DIR/pki, SQLite store DIR/kms.db). Default ./qnet-data.")]
    public string Data { get; init; } = "qnet-data";

    [CommandOption("--store <LOCATION>")]
    [Description("Store: a PostgreSQL connection string (Host=...;Username=...;Database=...) or a SQLite file. Default: $QNET_KMS_STORE, else DIR/kms.db.")]
    public string? Store { get; init; }

    [CommandOption("--master-key <FILE>")]
    [Description("Master key file (base64, 32 bytes), outside DIR. Default: $QNET_KMS_MASTER_KEY, else $QNET_KMS_MASTER_KEY_FILE, else ~/.config/qnet/kms-master.key (created only with a new, empty store; an existing store refuses any other key).")]
    public string? MasterKey { get; init; }
}
