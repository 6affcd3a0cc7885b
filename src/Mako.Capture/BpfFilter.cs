using System.Runtime.InteropServices;
using Mako.Capture.Native;
using SharpPcap.LibPcap;

namespace Mako.Capture;

/// <summary>
/// A capture filter compiled by libpcap (pcap_compile, through SharpPcap's <see cref="BpfProgram"/>) for one link
/// type and snapshot length. It can run on stored packets (<see cref="Matches"/>, libpcap's own bpf_filter
/// interpreter, so results equal a live capture's) and print itself as <c>tcpdump -d</c> does.
/// <code>
/// using var f = BpfFilter.Compile("tcp port 25", LinkTypes.Ethernet);
/// if (f.Matches(packet.Data.Span, (int)packet.OriginalLength)) ...
/// </code>
/// </summary>
public sealed class BpfFilter : IDisposable
{
    private static readonly Lock ImageLock = new();   // bpf_image formats into a static buffer
    private readonly BpfProgram _program;
    private readonly IntPtr _insns;

    public string Expression { get; }
    public int LinkType { get; }
    public int SnapLength { get; }
    /// <summary>Number of BPF instructions.</summary>
    public int Length { get; }

    private BpfFilter(BpfProgram program, string expression, int linkType, int snapLength)
    {
        _program = program;
        Expression = expression;
        LinkType = linkType;
        SnapLength = snapLength;
        // struct bpf_program { u_int bf_len; struct bpf_insn *bf_insns; }: the pointer is pointer-aligned.
        IntPtr p = program.DangerousGetHandle();
        Length = Marshal.ReadInt32(p);
        _insns = Marshal.ReadIntPtr(p, IntPtr.Size);
    }

    /// <summary>
    /// Compiles <paramref name="expression"/> for packets of <paramref name="linkType"/> (a LINKTYPE_/DLT value).
    /// Throws <see cref="CaptureException"/> (<see cref="CaptureFailure.BadFilter"/>) with libpcap's message,
    /// e.g. "can't parse filter expression: syntax error".
    /// </summary>
    public static BpfFilter Compile(string expression, int linkType, int snapLength = InterfaceOptions.DefaultSnapLength,
        bool optimize = true, uint netmask = LibPcap.NetmaskUnknown)
    {
        LibPcapLoader.EnsureLoaded();
        using var dead = LibPcap.pcap_open_dead(DltMap.ToDlt(linkType), snapLength);
        if (dead.IsInvalid)
            throw new CaptureException(CaptureFailure.Other, $"libpcap could not set up link type {linkType}.");
        return Compile(dead, expression, linkType, snapLength, optimize, netmask);
    }

    internal static BpfFilter Compile(PcapHandle handle, string expression, int linkType, int snapLength, bool optimize, uint netmask)
    {
        var program = BpfProgram.TryCreate(handle, expression, optimize ? 1 : 0, netmask);
        if (program is null)
            throw new CaptureException(CaptureFailure.BadFilter, LibPcap.GetError(handle));
        return new BpfFilter(program, expression, linkType, snapLength);
    }

    internal BpfProgram Program => _program;

    /// <summary>
    /// True when the filter accepts the packet. <paramref name="packet"/> is the captured bytes,
    /// <paramref name="wireLength"/> the original length (filters such as "greater 100" test it).
    /// No allocation: the compiled program runs in libpcap's interpreter over the span.
    /// </summary>
    public bool Matches(ReadOnlySpan<byte> packet, int wireLength)
    {
        ObjectDisposedException.ThrowIf(_program.IsClosed, this);
        ref byte start = ref MemoryMarshal.GetReference(packet);
        return LibPcap.bpf_filter(_insns, ref start, (uint)Math.Max(wireLength, packet.Length), (uint)packet.Length) != 0;
    }

    /// <summary>The program as <c>tcpdump -d</c> prints it: "(000) ldh      [12]", one line per instruction.</summary>
    public IReadOnlyList<string> Disassemble()
    {
        ObjectDisposedException.ThrowIf(_program.IsClosed, this);
        var lines = new string[Length];
        int size = Marshal.SizeOf<BpfInsn>();
        lock (ImageLock)
        {
            for (int i = 0; i < Length; i++)
                lines[i] = LibPcap.Str(LibPcap.bpf_image(_insns + i * size, i));
        }
        return lines;
    }

    /// <summary>The raw instructions (opcode, jump-if-true, jump-if-false, constant), as the kernel receives them.</summary>
    public IReadOnlyList<BpfInstruction> Instructions()
    {
        ObjectDisposedException.ThrowIf(_program.IsClosed, this);
        var list = new BpfInstruction[Length];
        int size = Marshal.SizeOf<BpfInsn>();
        for (int i = 0; i < Length; i++)
        {
            var raw = Marshal.PtrToStructure<BpfInsn>(_insns + i * size);
            list[i] = new BpfInstruction(raw.Code, raw.Jt, raw.Jf, raw.K);
        }
        return list;
    }

    /// <summary>Writes <see cref="Disassemble"/> one line each (tcpdump -d / dumpcap -d).</summary>
    public void Dump(TextWriter output)
    {
        foreach (var line in Disassemble())
            output.WriteLine(line);
    }

    /// <summary>
    /// Writes the program as tcpdump does for -d (<paramref name="level"/> 1: readable), -dd (2: a C array of
    /// struct bpf_insn) or -ddd (3: the instruction count, then each instruction as four decimal numbers).
    /// </summary>
    public void Dump(TextWriter output, int level)
    {
        if (level <= 1)
        {
            Dump(output);
            return;
        }
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var list = Instructions();
        if (level >= 3)
            output.WriteLine(list.Count.ToString(ci));
        foreach (var i in list)
        {
            output.WriteLine(level >= 3
                ? string.Create(ci, $"{i.Code} {i.JumpTrue} {i.JumpFalse} {i.K}")
                : string.Create(ci, $"{{ 0x{i.Code:x}, {i.JumpTrue}, {i.JumpFalse}, 0x{i.K:x8} }},"));
        }
    }

    public void Dispose() => _program.Dispose();

    // struct bpf_insn { u_short code; u_char jt; u_char jf; bpf_u_int32 k; } — only its size is needed.
    [StructLayout(LayoutKind.Sequential)]
    private struct BpfInsn
    {
        public ushort Code;
        public byte Jt, Jf;
        public uint K;
    }
}

/// <summary>One BPF instruction: opcode, jump offsets if true / if false, and the constant operand.</summary>
public readonly record struct BpfInstruction(ushort Code, byte JumpTrue, byte JumpFalse, uint K);
