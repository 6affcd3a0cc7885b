using Mako.Capture.Native;
using Mako.Capture.Output;

namespace Mako.Capture.Tests;

public class ErrorMessageTests
{
    [Fact]
    public void Permission_message_names_missing_capabilities_and_setcap()
    {
        var e = CapturePermissions.Denied("lo", "socket: Operation not permitted", promiscuous: false, caps: 0, user: "nobody", programPath: "/opt/mako/mako");
        Assert.Equal(CaptureFailure.PermissionDenied, e.Kind);
        Assert.Equal("You do not have permission to capture on device \"lo\".", e.Message);
        Assert.StartsWith("(socket: Operation not permitted)\n", e.Secondary, StringComparison.Ordinal);
        Assert.Contains("lacks CAP_NET_RAW and CAP_NET_ADMIN", e.Secondary, StringComparison.Ordinal);
        Assert.Contains("user \"nobody\"", e.Secondary, StringComparison.Ordinal);
        Assert.Contains("sudo setcap cap_net_raw,cap_net_admin=eip /opt/mako/mako", e.Secondary, StringComparison.Ordinal);
    }

    [Fact]
    public void Permission_message_names_only_the_missing_one()
    {
        ulong onlyRaw = 1UL << 13;
        var e = CapturePermissions.Denied("eth0", "", promiscuous: true, caps: onlyRaw, user: "u", programPath: "/usr/bin/dotnet");
        Assert.Contains("lacks CAP_NET_ADMIN.", e.Secondary, StringComparison.Ordinal);
        Assert.DoesNotContain("lacks CAP_NET_RAW", e.Secondary, StringComparison.Ordinal);
        Assert.Contains("promiscuous", e.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet host", e.Secondary, StringComparison.Ordinal);
        Assert.Contains("(-p)", e.Secondary, StringComparison.Ordinal);
    }

    [Fact]
    public void Activation_statuses_map_to_dumpcap_wording()
    {
        var perm = LiveHandle.ActivationError("lo", LibPcap.ErrorPermDenied, "socket: Operation not permitted", true);
        Assert.Equal(CaptureFailure.PermissionDenied, perm.Kind);
        var none = LiveHandle.ActivationError("nosuch", LibPcap.ErrorNoSuchDevice, "No such device exists", true);
        Assert.Equal(CaptureFailure.NoSuchDevice, none.Kind);
        Assert.Equal("There is no device named \"nosuch\".\n(No such device exists)", none.Describe());
        var other = LiveHandle.ActivationError("eth9", LibPcap.ErrorIfaceNotUp, "That device is not up", true);
        Assert.Equal("The capture session could not be initiated on capture device \"eth9\" (That device is not up).", other.Message);
    }

    [Fact]
    public void Missing_libpcap_names_the_debian_package()
    {
        Assert.Equal(IntPtr.Zero, LibPcapLoader.TryLoad(["libpcap-does-not-exist.so.9"]));
        var e = LibPcapLoader.MissingLibrary(["libpcap-does-not-exist.so.9"]);
        Assert.Equal(CaptureFailure.LibraryMissing, e.Kind);
        Assert.Contains("libpcap-does-not-exist.so.9", e.Message, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install libpcap0.8", e.Secondary, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_filter_wording_is_dumpcaps()
    {
        var e = Sources.LiveSource.InvalidFilter("bogus filter", "lo", "can't parse filter expression: syntax error");
        Assert.Equal(
            "Invalid capture filter \"bogus filter\" for interface 'lo'.\n\n" +
            "That string isn't a valid capture filter (can't parse filter expression: syntax error).\n" +
            "See the User's Guide for a description of the capture filter syntax.", e.Describe());
    }

    [Theory]
    [InlineData("/tmp/out.pcapng", 1, "/tmp/out_00001_20261128120000.pcapng")]
    [InlineData("/tmp/out.pcapng", 100001, "/tmp/out_00001_20261128120000.pcapng")]
    [InlineData("capture", 42, "capture_00042_20261128120000")]
    [InlineData("/tmp/dir.d/capture", 7, "/tmp/dir.d/capture_00007_20261128120000")]
    [InlineData("a.b.pcap", 3, "a.b_00003_20261128120000.pcap")]
    public void Ring_file_names_follow_dumpcap(string path, long number, string expected)
        => Assert.Equal(expected, RingFileNames.Name(path, number, new DateTime(2026, 11, 28, 12, 0, 0)));

    [Fact]
    public void Dlt_and_linktype_values_convert()
    {
        Assert.Equal(12, DltMap.ToDlt(101));
        Assert.Equal(101, DltMap.ToLinkType(12));
        Assert.Equal(1, DltMap.ToDlt(1));
        Assert.Equal(276, DltMap.ToLinkType(276));
    }
}
