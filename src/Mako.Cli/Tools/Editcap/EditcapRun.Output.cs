using System.Buffers.Binary;
using Mako.Cli.Tools.Shared;
using Mako.Files;

namespace Mako.Cli.Tools.Editcap;

internal sealed partial class EditcapRun
{
    private int _secretsWritten;           // input secrets already written to the current output
    private bool _declareOnOpen;           // false until the first packet: an output of no packets has no interfaces

    private string OutTypeName => FileTypes.Name(o.OutFormat!.Value);

    private bool OpenOutput(string name)
    {
        _fileName = name;
        _declared = 0;
        _secretsWritten = 0;
        _writtenInFile = 0;
        var format = o.OutFormat!.Value;
        if (name != "-" && FailureMessages.CheckOutputFolder(name) is { } problem)
        {
            _err.WriteLine("editcap: " + problem);
            return false;
        }
        try
        {
            if (format != CaptureFormat.PcapNg && o.OutLinkType < 0
                && _reader.Interfaces.Select(i => i.LinkType).Distinct().Count() > 1)
                throw new ToolError(FailureMessages.CantWriteAs(OutTypeName), InvalidFile);
            uint inSnap = _reader.SnapLength;
            uint snap = o.SnapLength != 0 && (inSnap == 0 || o.SnapLength < inSnap) ? o.SnapLength : inSnap;
            CaptureReader? template = format == CaptureFormat.PcapNg ? new CaptureTemplate(_section) : _reader;
            if (name == "-")
            {
                io.Out.Flush();
                _writer = CaptureWriter.Create(io.RawOut, format, template, o.OutLinkType, snap, leaveOpen: true);
            }
            else
            {
                _writer = CaptureWriter.Create(name, format, template, o.OutLinkType, snap);
            }
            foreach (var s in _initialSecrets)
                _writer.WriteSecrets(s);
            if (_declareOnOpen)
                DeclareNewInterfaces();
            return true;
        }
        catch (ToolError e)
        {
            _err.WriteLine("editcap: " + e.Message);
            return false;
        }
        catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
        {
            _err.WriteLine("editcap: " + FailureMessages.DumpOpenFailure(name, e, OutTypeName));
            return false;
        }
    }

    private bool CloseOutput()
    {
        if (_writer is null)
            return true;
        try
        {
            _writer.Commit();
            return true;
        }
        catch (Exception e) when (e is CaptureFileException or IOException or UnauthorizedAccessException)
        {
            _err.WriteLine($"editcap: An error occurred while closing the file \"{_fileName}\": {e.Message}");
            return false;
        }
        finally
        {
            _writer.Dispose();
            _writer = null;
        }
    }

    /// <summary>Declares, in order, the input interfaces the current output does not have yet (pcapng only).</summary>
    private void DeclareNewInterfaces()
    {
        if (_writer is null || _writer.Format != CaptureFormat.PcapNg)
            return;
        var ifaces = _reader.Interfaces;
        for (; _declared < ifaces.Count; _declared++)
        {
            var block = _declared < _idbBlocks.Count ? _idbBlocks[_declared] : null;
            if (block is null)
            {
                var copy = CaptureTemplate.Copy(ifaces[_declared]);
                if (o.OutLinkType >= 0)
                    copy.LinkType = o.OutLinkType;
                _writer.AddInterface(copy);
                continue;
            }
            if (o.OutLinkType >= 0)
            {
                // The link type is the block body's first 16-bit field.
                block = new BlockRecord
                {
                    Kind = block.Kind,
                    BlockType = block.BlockType,
                    BigEndian = block.BigEndian,
                    RawBody = (byte[])block.RawBody.Clone(),
                    Interface = CaptureTemplate.Copy(block.Interface!),
                };
                block.Interface!.LinkType = o.OutLinkType;
                if (block.RawBody.Length >= 2)
                {
                    if (block.BigEndian) BinaryPrimitives.WriteUInt16BigEndian(block.RawBody, (ushort)o.OutLinkType);
                    else BinaryPrimitives.WriteUInt16LittleEndian(block.RawBody, (ushort)o.OutLinkType);
                }
            }
            _writer.WriteBlock(block);
        }
    }

    private bool WritePacket(uint frame)
    {
        var w = _writer!;
        try
        {
            if (!o.DiscardSecrets)
            {
                var secrets = _reader.Secrets;
                for (; _secretsWritten < secrets.Count; _secretsWritten++)
                    w.WriteSecrets(secrets[_secretsWritten]);
            }
            else
            {
                _secretsWritten = _reader.Secrets.Count;
            }
            if (w.Format == CaptureFormat.PcapNg)
                w.WritePacket(_out, _out.InterfaceId);
            else
                w.WritePacket(_out);
            _writtenInFile++;
            return true;
        }
        catch (Exception e) when (e is CaptureFileException or IOException)
        {
            _err.WriteLine("editcap: " + FailureMessages.WriteFailure(o.InFile, _fileName, e, frame, OutTypeName));
            return false;
        }
    }
}
