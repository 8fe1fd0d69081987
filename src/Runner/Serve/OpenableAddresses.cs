using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Handwriting.Runner.Serve;

/// <summary>
/// The addresses a person can type into a browser to reach a server. Listening on a wildcard
/// (0.0.0.0, ::) means "every address of this machine", which is no address to open: a browser
/// here wants 127.0.0.1, one elsewhere this machine's name or one of its network addresses.
/// </summary>
public static class OpenableAddresses
{
    public static bool IsWildcard(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
    }

    /// <summary>For this machine: the loopback address of the listening family (dual-mode :: takes IPv4's too).</summary>
    public static Uri Here(IPAddress listening, int port)
    {
        ArgumentNullException.ThrowIfNull(listening);
        return !IsWildcard(listening) ? Url(listening, port) : Url(IPAddress.Loopback, port);
    }

    /// <summary>
    /// For other machines, when listening on a wildcard: this machine's host name, then its
    /// non-loopback addresses on interfaces that are up (IPv6 link-local ones left out: they need
    /// a zone a browser cannot be given). Empty for a specific address (<see cref="Here"/> is it).
    /// </summary>
    public static IReadOnlyList<Uri> Elsewhere(IPAddress listening, int port)
    {
        ArgumentNullException.ThrowIfNull(listening);
        if (!IsWildcard(listening))
        {
            return [];
        }

        var urls = new List<Uri>();
        string host = Dns.GetHostName();
        if (host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Dns && !host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            urls.Add(new Uri($"http://{host}:{port}/"));
        }

        bool ipv6 = listening.AddressFamily == AddressFamily.InterNetworkV6;
        urls.AddRange(NetworkInterface.GetAllNetworkInterfaces()
            .Where(network => network.OperationalStatus == OperationalStatus.Up && network.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(network => network.GetIPProperties().UnicastAddresses.Select(unicast => unicast.Address))
            .Where(address => !IPAddress.IsLoopback(address)
                && (address.AddressFamily == AddressFamily.InterNetwork
                    || (ipv6 && address.AddressFamily == AddressFamily.InterNetworkV6 && !address.IsIPv6LinkLocal)))
            .Distinct()
            .Select(address => Url(address, port)));
        return urls;
    }

    private static Uri Url(IPAddress address, int port) => new UriBuilder(Uri.UriSchemeHttp, address.ToString(), port).Uri;
}
