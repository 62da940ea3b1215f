using System.Security.Cryptography.X509Certificates;

namespace Qlrf.Certificates;

/// <summary>
/// Root certificates a TLS handshake's chain may end in besides (or instead of) the system's: configured CA files and
/// the sandbox CA. Every registered provider contributes.
/// </summary>
public interface ITrustAnchors
{
    IReadOnlyList<X509Certificate2> Anchors { get; }
}
