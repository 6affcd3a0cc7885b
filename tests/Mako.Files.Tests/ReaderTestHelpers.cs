namespace Mako.Files.Tests;

internal sealed record ReadResult(List<PacketRecord> Packets, List<BlockRecord> Blocks, CaptureFileException? Error, CaptureReader? Reader);

internal static class ReaderTestHelpers
{
    /// <summary>Opens and reads everything, collecting packets (cloned) and the error that stopped reading, if any.</summary>
    public static ReadResult ReadAll(byte[] file, string name = "test")
    {
        var packets = new List<PacketRecord>();
        var blocks = new List<BlockRecord>();
        CaptureReader? r = null;
        try
        {
            r = CaptureReader.Open(new MemoryStream(file), name);
            RecordKind k;
            while ((k = r.Read()) != RecordKind.End)
            {
                if (k == RecordKind.Packet) packets.Add(r.Packet.Clone());
                else blocks.Add(r.Block!);
            }
            return new ReadResult(packets, blocks, null, r);
        }
        catch (CaptureFileException e)
        {
            return new ReadResult(packets, blocks, e, r);
        }
    }

    /// <summary>A stream that refuses to seek and returns at most a few bytes per read, like a pipe.</summary>
    public sealed class PipeStream(byte[] data, int chunk = 7) : Stream
    {
        private int _pos;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, chunk), data.Length - _pos);
            Array.Copy(data, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
