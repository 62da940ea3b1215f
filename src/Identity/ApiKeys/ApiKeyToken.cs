using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Qlrf.Tenancy;

namespace Qlrf.Identity.ApiKeys;

/// <summary>
/// The written form of an API key: <c>qlrf_{organisation}_{key id}_{secret}</c>. The organisation and key
/// id locate the stored key with one point read; the secret (256 random bits, base32) is checked against
/// its stored SHA-256 in constant time. The secret is high-entropy, so a fast hash is the right one.
/// </summary>
public static partial class ApiKeyToken
{
    public const string Prefix = "qlrf_";

    public const string KeyIdPattern = "^k[a-z2-7]{20}$";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int SecretLength = 52;

    public static string NewKeyId() => "k" + Base32(RandomNumberGenerator.GetBytes(13))[..20];

    public static string NewSecret() => Base32(RandomNumberGenerator.GetBytes(32));

    public static string Format(string organisation, string keyId, string secret) => $"{Prefix}{organisation}_{keyId}_{secret}";

    public static bool IsKeyId([NotNullWhen(true)] string? id) => id is not null && KeyId().IsMatch(id);

    /// <summary>Reads a presented key; false if it is not in the written form at all.</summary>
    public static bool TryParse(string? token, [NotNullWhen(true)] out PresentedApiKey? key)
    {
        key = null;
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return false;
        }

        var parts = token[Prefix.Length..].Split('_');
        if (parts.Length != 3 || !OrganisationId.IsValid(parts[0]) || !IsKeyId(parts[1])
            || parts[2].Length != SecretLength || !parts[2].All(c => Alphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        key = new PresentedApiKey(parts[0], parts[1], parts[2]);
        return true;
    }

    /// <summary>Lower-case hex SHA-256 of the secret, as stored.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base32(byte[] bytes)
    {
        var text = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    [GeneratedRegex(KeyIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex KeyId();
}

/// <summary>A key as a caller presented it. Its text form hides the secret, so it is safe to log by accident.</summary>
public sealed record PresentedApiKey(string Organisation, string KeyId, string Secret)
{
    public override string ToString() => $"{ApiKeyToken.Prefix}{Organisation}_{KeyId}_…";
}
