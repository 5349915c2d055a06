using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Arsip.Infrastructure;

namespace Arsip.Attachments;

public sealed record BlobRef(string Sha256, long Length, string ContentType);

/// <summary>Content-addressed and write-once; kept narrow so an object store can replace the folder.</summary>
public interface IBlobStore
{
    Task<BlobRef> PutAsync(Stream content, CancellationToken ct = default);

    /// <summary>Staged first so a request with several files can refuse all of them if one is bad; disposing an uncommitted blob discards it.</summary>
    Task<StagedBlob> StageAsync(Stream content, CancellationToken ct = default);

    Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct = default);
    Task<bool> ExistsAsync(string sha256, CancellationToken ct = default);

    /// <summary>Pemusnahan only, once no record that is not destroyed uses the bytes; deleting a blob that is not there does nothing.</summary>
    Task DeleteAsync(string sha256, CancellationToken ct = default);

    /// <summary>Pemusnahan of many blobs, <paramref name="atOnce"/> side by side; done only once the deletions are durable (a file
    /// deleted and then brought back by a power cut would be destroyed content surviving).</summary>
    Task DeleteManyAsync(IReadOnlyCollection<string> sha256s, int atOnce, CancellationToken ct = default) => DeleteSideBySideAsync(this, sha256s, atOnce, ct);

    /// <summary>Each blob deleted, <paramref name="atOnce"/> at a time: a file system or an object store deletes faster so.</summary>
    protected static Task DeleteSideBySideAsync(IBlobStore store, IReadOnlyCollection<string> sha256s, int atOnce, CancellationToken ct) =>
        Parallel.ForEachAsync(sha256s, new ParallelOptions { MaxDegreeOfParallelism = atOnce, CancellationToken = ct },
            async (sha256, token) => await store.DeleteAsync(sha256, token));

    /// <summary>Several staged blobs committed as one step; a store may make them durable together (an import's scans).</summary>
    async Task CommitAllAsync(IReadOnlyCollection<StagedBlob> staged, CancellationToken ct = default)
    {
        foreach (var blob in staged) await blob.CommitAsync(ct);
    }

    /// <summary>Every stored blob's hash (moving blobs between stores).</summary>
    IAsyncEnumerable<string> ListAsync(CancellationToken ct = default);
}

public abstract class StagedBlob(BlobRef blob) : IAsyncDisposable
{
    public BlobRef Blob { get; } = blob;
    public abstract Task CommitAsync(CancellationToken ct = default);
    public abstract ValueTask DisposeAsync();
}

public sealed class BlobRefusedException(int status, string detail) : ProblemException(detail)
{
    public int Status { get; } = status;

    public override ProblemDetails ToProblem() => new()
    {
        Status = Status,
        Title = Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "Berkas terlalu besar (file too large)",
            StatusCodes.Status415UnsupportedMediaType => "Jenis berkas tidak diterima (unsupported file type)",
            _ => "Berkas tidak valid (invalid file)",
        },
        Detail = Message,
    };

    public static BlobRefusedException Empty() => new(StatusCodes.Status400BadRequest, "Berkas kosong (the file is empty).");
    public static BlobRefusedException TooLarge(long max) =>
        new(StatusCodes.Status413PayloadTooLarge, $"Berkas melebihi batas {IndonesianFormat.Number(max)} bita (the file exceeds the limit of {max.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes).");
    public static BlobRefusedException Truncated(string type) =>
        new(StatusCodes.Status400BadRequest, $"Berkas {type} terpotong atau rusak (the {type} file is truncated or damaged).");
    public static BlobRefusedException Unsupported() =>
        new(StatusCodes.Status415UnsupportedMediaType, "Hanya PDF, PNG, JPEG dan TIFF yang diterima, dikenali dari isinya (only PDF, PNG, JPEG and TIFF are accepted, recognised by content).");
}

public sealed class AttachmentOptions
{
    public const long DefaultMaxBytes = 50L * 1024 * 1024;
    public long MaxBytes { get; set; } = DefaultMaxBytes;
}

/// <summary>Hashed while copied to a temporary file on the same file system, then renamed into place atomically: a reader never sees half a blob and a refusal leaves nothing behind.</summary>
public sealed class FileBlobStore(string root, long maxBytes) : IBlobStore
{
    private const int BufferSize = 81920;

    public string Root { get; } = Path.GetFullPath(root);
    public long MaxBytes { get; } = maxBytes;
    private string TempFolder => Path.Combine(Root, "tmp");

    public async Task<BlobRef> PutAsync(Stream content, CancellationToken ct = default)
    {
        await using var staged = await StageAsync(content, ct);
        await staged.CommitAsync(ct);
        return staged.Blob;
    }

    public async Task<StagedBlob> StageAsync(Stream content, CancellationToken ct = default)
    {
        var (tempPath, blob) = await StageToFileAsync(content, TempFolder, MaxBytes, ct);
        return new FileStagedBlob(this, tempPath, blob);
    }

    /// <summary>Copies <paramref name="content"/> to a new file in <paramref name="folder"/>, hashing it and recognising its type on
    /// the way; refused (and the file deleted) when empty, too large, not a PDF or image, or truncated.</summary>
    internal static async Task<(string Path, BlobRef Blob)> StageToFileAsync(Stream content, string folder, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var tempPath = Path.Combine(folder, $"{Guid.NewGuid():N}.part");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var head = new byte[ContentDetection.HeadSize];
        var tail = new byte[ContentDetection.TailSize];
        int headLength = 0, tailLength = 0;
        long length = 0;
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                // a full buffer per write: a multipart section or a request body hands out a few KB at a time, and this file is unbuffered
                while ((read = await content.ReadAtLeastAsync(buffer.AsMemory(0, BufferSize), BufferSize, throwOnEndOfStream: false, ct)) > 0)
                {
                    length += read;
                    if (length > maxBytes) throw BlobRefusedException.TooLarge(maxBytes);
                    var chunk = buffer.AsSpan(0, read);
                    sha.AppendData(chunk);
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(head.Length - headLength, read);
                        chunk[..take].CopyTo(head.AsSpan(headLength));
                        headLength += take;
                    }
                    tailLength = KeepTail(tail, tailLength, chunk);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            if (length == 0) throw BlobRefusedException.Empty();
            var detected = ContentDetection.Detect(head.AsSpan(0, headLength), tail.AsSpan(0, tailLength));
            if (detected.MediaType is null) throw BlobRefusedException.Unsupported();
            if (detected.Truncated) throw BlobRefusedException.Truncated(detected.MediaType);
            return (tempPath, new BlobRef(Convert.ToHexStringLower(sha.GetHashAndReset()), length, detected.MediaType));
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct = default) =>
        Task.FromResult<Stream?>(PathOf(sha256) is { } path && File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan)
            : null);

    public Task<bool> ExistsAsync(string sha256, CancellationToken ct = default) =>
        Task.FromResult(PathOf(sha256) is { } path && File.Exists(path));

    public Task DeleteAsync(string sha256, CancellationToken ct = default)
    {
        try
        {
            if (PathOf(sha256) is { } path) File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // never stored (its folder was never made): nothing to delete, as for a missing file
        }
        return Task.CompletedTask;
    }

    /// <summary>Side by side (a file system deletes faster so), then one file-system sync makes every deletion durable.</summary>
    public async Task DeleteManyAsync(IReadOnlyCollection<string> sha256s, int atOnce, CancellationToken ct = default)
    {
        if (sha256s.Count == 0) return;
        await IBlobStore.DeleteSideBySideAsync(this, sha256s, atOnce, ct);
        if (Directory.Exists(Root)) Durably.SyncFileSystem(Root);
    }

    public async IAsyncEnumerable<string> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (IsSha256(name) && PathOf(name) == path) yield return name;
        }
        await Task.CompletedTask;
    }

    /// <summary>Where a blob lives; null for anything that is not a lower-case SHA-256, so no name can escape the folder.</summary>
    public string? PathOf(string sha256) =>
        IsSha256(sha256) ? Path.Combine(Root, sha256[..2], sha256[2..4], sha256) : null;

    public static bool IsSha256(string? value) =>
        value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static int KeepTail(byte[] tail, int tailLength, ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length >= tail.Length)
        {
            chunk[^tail.Length..].CopyTo(tail);
            return tail.Length;
        }
        var keep = Math.Min(tailLength, tail.Length - chunk.Length);
        tail.AsSpan(tailLength - keep, keep).CopyTo(tail);
        chunk.CopyTo(tail.AsSpan(keep));
        return keep + chunk.Length;
    }

    /// <summary>Many staged blobs stored together (an import's scans): the file system is flushed once for all their bytes and once
    /// for all their names, instead of three or four flushes a blob, which held a 2,000-scan import to two thirds of its speed.</summary>
    public Task CommitAllAsync(IReadOnlyCollection<StagedBlob> staged, CancellationToken ct = default)
    {
        var mine = staged.Cast<FileStagedBlob>().ToList();
        if (mine.Count == 0) return Task.CompletedTask;
        Directory.CreateDirectory(Root);
        Durably.SyncFileSystem(Root);
        foreach (var blob in mine)
        {
            ct.ThrowIfCancellationRequested();
            blob.Commit(durably: false);
        }
        Durably.SyncFileSystem(Root);
        return Task.CompletedTask;
    }

    private sealed class FileStagedBlob(FileBlobStore store, string tempPath, BlobRef blob) : StagedBlob(blob)
    {
        public override Task CommitAsync(CancellationToken ct = default)
        {
            Commit(durably: true);
            return Task.CompletedTask;
        }

        /// <summary>Durably: the bytes, then the name, reach the disk before the record that names them commits. A rename alone
        /// orders nothing, and a power cut could leave a committed letter with an empty or missing scan.</summary>
        public void Commit(bool durably)
        {
            var final = store.PathOf(Blob.Sha256)!;
            if (File.Exists(final)) return; // the same bytes are already stored: dedup
            if (durably)
                using (var written = new FileStream(tempPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1)) written.Flush(flushToDisk: true);
            var folder = Path.GetDirectoryName(final)!;
            // new folders' own entries too; a batch syncs the whole file system instead
            var created = !durably || Directory.Exists(folder) ? [] : new[] { Path.GetDirectoryName(folder)!, store.Root };
            Directory.CreateDirectory(folder);
            try
            {
                File.Move(tempPath, final, overwrite: false);
                if (OperatingSystem.IsLinux()) File.SetUnixFileMode(final, UnixFileMode.UserRead | UnixFileMode.GroupRead);
            }
            catch (IOException) when (File.Exists(final))
            {
                // Another request stored the same bytes first; theirs and ours are identical.
            }
            if (durably)
                foreach (var entry in created.Prepend(folder)) Durably.SyncFolder(entry);
        }

        public override ValueTask DisposeAsync()
        {
            File.Delete(tempPath); // no-op once moved into place
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A folder's entries, or a whole file system, forced to disk: .NET offers no call for either.</summary>
internal static class Durably
{
    public static void SyncFolder(string folder) => Sync(folder, Fsync, "the folder");

    /// <summary>Every file's bytes and every folder's entries on the file system holding <paramref name="folder"/> (syncfs).</summary>
    public static void SyncFileSystem(string folder) => Sync(folder, SyncFs, "the file system of");

    private static void Sync(string folder, Func<int, int> sync, string what)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = Open(folder, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"Cannot open {folder} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (sync(fd) != 0) throw new IOException($"Cannot sync {what} {folder} (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static extern int SyncFs(int fd);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
