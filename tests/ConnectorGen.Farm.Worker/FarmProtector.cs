using System;
using System.Security.Cryptography;
using ConnectorGen.Generated;

namespace ConnectorGen.Farm;

/// <summary>
/// The farm's shared key: every process encrypts grants with AES-GCM under the same 256-bit key (given in hex), as an
/// application would with a shared Data Protection key ring.
/// </summary>
public static class FarmProtector
{
    internal static TokenProtector Create(string hexKey)
    {
        var key = Convert.FromHexString(hexKey);
        return new TokenProtector(
            plain =>
            {
                var output = new byte[12 + 16 + plain.Length];
                RandomNumberGenerator.Fill(output.AsSpan(0, 12));
                using var aes = new AesGcm(key, 16);
                aes.Encrypt(output.AsSpan(0, 12), plain, output.AsSpan(28), output.AsSpan(12, 16));
                return output;
            },
            sealedBytes =>
            {
                if (sealedBytes.Length < 28)
                {
                    throw new CryptographicException("Too short.");
                }

                var plain = new byte[sealedBytes.Length - 28];
                using var aes = new AesGcm(key, 16);
                aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plain);
                return plain;
            });
    }
}
