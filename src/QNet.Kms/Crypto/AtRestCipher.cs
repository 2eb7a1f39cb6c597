using System.Security.Cryptography;
using System.Text;

namespace QNet.Kms.Crypto;

/// <summary>
/// AES-256-GCM for key material at rest. Each sealed value is nonce(12) ‖ ciphertext ‖ tag(16); the row's identity
/// is the associated data, so a ciphertext moved to another row fails to open.
/// </summary>
internal sealed class AtRestCipher : IDisposable
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly AesGcm _aes;

    public AtRestCipher(MasterKey master) => _aes = new AesGcm(master.Derive("at-rest"), TagBytes);

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string rowId)
    {
        var sealedValue = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = sealedValue.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        _aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(NonceBytes, plaintext.Length), sealedValue.AsSpan(NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(rowId));
        return sealedValue;
    }

    /// <summary>Opens a sealed value; throws <see cref="CryptographicException"/> when it was tampered with or belongs to another row.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedValue, string rowId)
    {
        if (sealedValue.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("sealed value too short");
        }

        var length = sealedValue.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        _aes.Decrypt(sealedValue[..NonceBytes], sealedValue.Slice(NonceBytes, length), sealedValue[(NonceBytes + length)..], plaintext, Encoding.UTF8.GetBytes(rowId));
        return plaintext;
    }

    public void Dispose() => _aes.Dispose();
}
