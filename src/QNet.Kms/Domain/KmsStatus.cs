namespace QNet.Kms.Domain;

/// <summary>The ETSI status of the pool between the caller's KME and the slave's KME.</summary>
public sealed record KmsStatus(
    string SourceKmeId,
    string TargetKmeId,
    string MasterSaeId,
    string SlaveSaeId,
    KmsLimits Limits,
    long StoredKeyCount,
    KeyPolicy Policy);
