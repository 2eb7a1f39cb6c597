using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace QNet.Kms.Crypto;

/// <summary>
/// ML-KEM-768 (FIPS 203, BouncyCastle) between two KMEs and HKDF-SHA256 to turn secrets into keys. Each KME holds an
/// ML-KEM key pair; the master's KME encapsulates to the slave's KME public key and the slave's KME decapsulates.
/// In this single-process KMS both KMEs live in one process, so the ciphertext travels in memory; in a split
/// deployment it would travel over the authenticated KME-to-KME channel.
/// </summary>
internal sealed class HybridKeyDeriver
{
    private static readonly byte[] HybridInfo = "qnet-kms/hybrid/v1"u8.ToArray();
    private static readonly byte[] PqcInfo = "qnet-kms/pqc/v1"u8.ToArray();
    private readonly SecureRandom _random = new();
    private readonly Dictionary<string, AsymmetricCipherKeyPair> _keyPairs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Runs ML-KEM-768 from the master's KME to the slave's KME and returns the 32-byte shared secret both sides hold.</summary>
    public byte[] EstablishSecret(string slaveKmeId)
    {
        var pair = KeyPairOf(slaveKmeId);
        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(new ParametersWithRandom(pair.Public, _random));
        var ciphertext = new byte[encapsulator.EncapsulationLength];
        var senderSecret = new byte[encapsulator.SecretLength];
        encapsulator.Encapsulate(ciphertext, senderSecret);

        var decapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
        decapsulator.Init(pair.Private);
        var receiverSecret = new byte[decapsulator.SecretLength];
        decapsulator.Decapsulate(ciphertext, receiverSecret);
        if (!CryptographicOperations.FixedTimeEquals(senderSecret, receiverSecret))
        {
            throw new CryptographicException("ML-KEM decapsulation disagreed with encapsulation");
        }

        return senderSecret;
    }

    /// <summary>Hybrid key: HKDF(ikm = QKD ‖ ML-KEM secret, salt = key id); secure while either input stays secret.</summary>
    public static byte[] Hybrid(ReadOnlySpan<byte> qkd, ReadOnlySpan<byte> kemSecret, Guid keyId, int bytes)
    {
        var ikm = new byte[qkd.Length + kemSecret.Length];
        qkd.CopyTo(ikm);
        kemSecret.CopyTo(ikm.AsSpan(qkd.Length));
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, bytes, keyId.ToByteArray(), HybridInfo);
        CryptographicOperations.ZeroMemory(ikm);
        return key;
    }

    /// <summary>Post-quantum-only key: HKDF(ikm = ML-KEM secret, salt = key id).</summary>
    public static byte[] PqcOnly(ReadOnlySpan<byte> kemSecret, Guid keyId, int bytes) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, kemSecret.ToArray(), bytes, keyId.ToByteArray(), PqcInfo);

    private AsymmetricCipherKeyPair KeyPairOf(string kmeId)
    {
        lock (_gate)
        {
            if (!_keyPairs.TryGetValue(kmeId, out var pair))
            {
                var generator = new MLKemKeyPairGenerator();
                generator.Init(new MLKemKeyGenerationParameters(_random, MLKemParameters.ml_kem_768));
                pair = generator.GenerateKeyPair();
                _keyPairs[kmeId] = pair;
            }
            return pair;
        }
    }
}
