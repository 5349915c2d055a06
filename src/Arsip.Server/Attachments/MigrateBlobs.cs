using System.Security.Cryptography;
using Arsip.Infrastructure;
using JasperFx.CommandLine;

namespace Arsip.Attachments;

public sealed record BlobMigration(int Copied, int AlreadyThere, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>Copies every blob of one store into another and proves each copy: the bytes read from the source must hash to their
/// name before they are written, and the bytes read back from the target must hash to it after. A blob that fails either is
/// reported and, from a bad source, not written. Blobs are write-once, so it may run while Arsip runs, and again to catch up.</summary>
public static class BlobMigrations
{
    public static async Task<BlobMigration> MigrateAsync(IBlobStore from, IBlobStore to, Action<string>? progress, CancellationToken ct)
    {
        var (copied, there) = (0, 0);
        var problems = new List<string>();
        await foreach (var sha in from.ListAsync(ct))
        {
            if (await to.ExistsAsync(sha, ct))
            {
                if (await HashAsync(to, sha, ct) is var existing && existing != sha) problems.Add($"{sha}: di tujuan isinya berhash {existing} (the copy in the target does not match its hash)");
                else there++;
                continue;
            }
            await using (var source = await from.OpenReadAsync(sha, ct))
            {
                if (source is null) continue; // deleted (pemusnahan) since it was listed
                try
                {
                    await using var staged = await to.StageAsync(source, ct);
                    if (staged.Blob.Sha256 != sha)
                    {
                        problems.Add($"{sha}: di sumber isinya berhash {staged.Blob.Sha256}; tidak disalin (the source's bytes do not match their hash; not copied)");
                        continue;
                    }
                    await staged.CommitAsync(ct);
                }
                catch (BlobRefusedException refused)
                {
                    problems.Add($"{sha}: ditolak tujuan (refused by the target): {refused.Message}");
                    continue;
                }
            }
            if (await HashAsync(to, sha, ct) is var written && written != sha)
                problems.Add($"{sha}: dibaca kembali dari tujuan berhash {written} (read back from the target with another hash)");
            else copied++;
            if ((copied + there) % 1000 == 0) progress?.Invoke($"{copied + there} berkas diperiksa (blobs checked)");
        }
        return new(copied, there, problems);
    }

    private static async Task<string?> HashAsync(IBlobStore store, string sha, CancellationToken ct)
    {
        await using var content = await store.OpenReadAsync(sha, ct);
        return content is null ? null : Convert.ToHexStringLower(await SHA256.HashDataAsync(content, ct));
    }
}

public sealed class MigrateBlobsInput : NetCoreInput
{
    [Description("The store to copy into: postgres or folder; the other one is read")]
    public string ToFlag { get; set; } = "";
}

[Description("Copy every scan and attachment between the node's folder and PostgreSQL, verifying each SHA-256 before and after", Name = "blobs-migrate")]
public sealed class MigrateBlobsCommand : JasperFxAsyncCommand<MigrateBlobsInput>
{
    public override async Task<bool> Execute(MigrateBlobsInput input)
    {
        var to = input.ToFlag.Trim().ToLowerInvariant();
        if (to is not (BlobStores.Postgres or BlobStores.Folder))
        {
            Console.Error.WriteLine("Usage: blobs-migrate --to postgres|folder");
            return false;
        }
        using var host = input.BuildHost();
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var maxBytes = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AttachmentOptions>>().Value.MaxBytes;
        var folder = new FileBlobStore(Path.Combine(DataFolder.Resolve(configuration), "blobs"), maxBytes);
        var database = new PostgresBlobStore(host.Services.GetRequiredService<IDocumentStore>(), Path.Combine(folder.Root, "tmp"), maxBytes,
            configuration.GetValue("Arsip:Blobs:ChunkBytes", PostgresBlobStore.DefaultChunkBytes));
        var (source, target) = to == BlobStores.Postgres ? ((IBlobStore)folder, (IBlobStore)database) : (database, folder);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await BlobMigrations.MigrateAsync(source, target, Console.WriteLine, CancellationToken.None);
        foreach (var problem in result.Problems) Console.WriteLine($"MASALAH {problem}");
        Console.WriteLine($"{result.Copied} berkas disalin ke {to}, {result.AlreadyThere} sudah ada, {result.Problems.Count} bermasalah, {started.Elapsed.TotalSeconds:0.0} detik " +
            $"({result.Copied} copied, {result.AlreadyThere} already there, {result.Problems.Count} with problems). " +
            (result.Ok ? $"Setel Arsip:Blobs:Store={to} lalu jalankan sekali lagi (set the store, then run once more to catch up)." : ""));
        return result.Ok;
    }
}
