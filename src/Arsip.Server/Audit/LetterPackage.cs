using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Documents;

namespace Arsip.Audit;

/// <summary>What every package of letters shares (the audit export, the handover package): the JSON form, file names, a letter's files, hashing while writing.</summary>
public static class LetterPackage
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static async Task<(IncomingLetterView? Incoming, OutgoingLetterView? Outgoing)> LoadAsync(IQuerySession session, Guid id, CancellationToken ct)
    {
        var incoming = await session.LoadAsync<IncomingLetterView>(id, ct);
        return (incoming, incoming is null ? await session.LoadAsync<OutgoingLetterView>(id, ct) : null);
    }

    /// <summary>The letter's stored files (scans, attachments) and its issued PDF, named relative to the letter's folder; each opened only when reached.</summary>
    public static async IAsyncEnumerable<(string Name, Stream Content)> FilesAsync(IQuerySession session, IBlobStore blobs, IIssuedPdfStore pdfs, Guid id,
        IncomingLetterView? incoming, OutgoingLetterView? outgoing, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var file in incoming?.Files ?? outgoing?.Files ?? [])
            if (await blobs.OpenReadAsync(file.Sha256, ct) is { } blob)
                yield return ($"files/{file.Sha256[..12]}-{SafeName(file.FileName)}", blob);
        if (outgoing?.IssuedPdfSha256 is { } issued && await pdfs.GetAsync(session, issued, ct) is { } bytes)
            yield return ($"issued-{SafeName(outgoing.LetterNumber ?? id.ToString())}.pdf", new MemoryStream(bytes, writable: false));
    }

    public static string SafeName(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());

    /// <summary>Counts and hashes what passes through to <paramref name="inner"/>, so a file is read once however large.</summary>
    public sealed class HashingStream(Stream inner, IncrementalHash hash) : Stream
    {
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            Written += buffer.Length;
            inner.Write(buffer);
        }
        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            hash.AppendData(buffer.Span);
            Written += buffer.Length;
            await inner.WriteAsync(buffer, ct);
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
    }
}
