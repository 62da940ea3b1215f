using System.Net;
using System.Net.Sockets;

namespace Qlrf.Bench.DurableEngines;

internal static class FreePort
{
    /// <summary>A TCP port on the loopback that was free a moment ago (the OS picks it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
