using System.Security.Cryptography;
using Arsip.Attachments;
using Arsip.IntegrationTests.Infrastructure;
using Npgsql;

namespace Arsip.IntegrationTests.Attachments;

/// <summary>The shared blob store against the real database, as the runtime role: chunked, write-once, content-addressed.</summary>
public class PostgresBlobStoreTests(ArsipApp app) : ArsipTest(app), IDisposable
{
    private readonly string _staging = Path.Combine(Path.GetTempPath(), $"arsip-pg-blobs-{Guid.NewGuid():N}");

    // small chunks, so a few kilobytes cross several chunk boundaries
    private PostgresBlobStore Store(int chunkBytes = 1000, long maxBytes = 1_000_000) => new(App.Store, _staging, maxBytes, chunkBytes);

    private async Task<long> ScalarAsync(string sql, string sha)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = sha } } };
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private Task<long> ChunksAsync(string sha) => ScalarAsync("select count(*) from arsip.arsip_blob_chunks where sha256 = $1", sha);

    private static async Task<byte[]> ReadAllAsync(IBlobStore store, string sha, int readSize)
    {
        await using var content = (await store.OpenReadAsync(sha))!;
        var bytes = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = await content.ReadAsync(buffer)) > 0) bytes.Write(buffer, 0, read);
        return bytes.ToArray();
    }

    [Fact]
    public async Task A_scan_is_stored_in_chunks_and_read_back_byte_for_byte_whatever_the_read_size()
    {
        var store = Store();
        var scan = Samples.Pdf(3500);

        var blob = await store.PutAsync(new MemoryStream(scan));

        blob.Sha256.ShouldBe(Samples.Sha256(scan));
        blob.ContentType.ShouldBe("application/pdf");
        blob.Length.ShouldBe(scan.Length);
        (await ChunksAsync(blob.Sha256)).ShouldBe((scan.Length + 999) / 1000);
        (await store.ExistsAsync(blob.Sha256)).ShouldBeTrue();
        foreach (var readSize in new[] { 1, 999, 1000, 4096 }) (await ReadAllAsync(store, blob.Sha256, readSize)).ShouldBe(scan);
        await using (var content = await store.OpenReadAsync(blob.Sha256)) content!.Length.ShouldBe(scan.Length);
        (await store.ListAsync().ToListAsync()).ShouldContain(blob.Sha256);
        Directory.EnumerateFiles(_staging, "*", SearchOption.AllDirectories).ShouldBeEmpty("the staged copy is gone once committed");
    }

    [Fact]
    public async Task The_same_bytes_stored_twice_at_once_are_one_blob()
    {
        var scan = Samples.Png(5000);
        var blobs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store().PutAsync(new MemoryStream(scan))));

        blobs.Select(b => b.Sha256).Distinct().ShouldHaveSingleItem();
        (await ScalarAsync("select count(*) from arsip.arsip_blobs where sha256 = $1", blobs[0].Sha256)).ShouldBe(1);
        (await ChunksAsync(blobs[0].Sha256)).ShouldBe(scan.Length / 1000 + 1);
        (await ReadAllAsync(Store(), blobs[0].Sha256, 8192)).ShouldBe(scan);
    }

    [Fact]
    public async Task Refused_or_uncommitted_uploads_leave_nothing_behind()
    {
        var store = Store(maxBytes: 4000);
        var staged = await store.StageAsync(new MemoryStream(Samples.Pdf(1000)));
        var sha = staged.Blob.Sha256;
        await staged.DisposeAsync();
        (await store.ExistsAsync(sha)).ShouldBeFalse();
        (await store.OpenReadAsync(sha)).ShouldBeNull();

        (await Should.ThrowAsync<BlobRefusedException>(() => store.PutAsync(new MemoryStream(Samples.Noise(100))))).Status.ShouldBe(415);
        (await Should.ThrowAsync<BlobRefusedException>(() => store.PutAsync(new MemoryStream(Samples.Pdf(5000))))).Status.ShouldBe(413);
        (await Should.ThrowAsync<BlobRefusedException>(() => store.PutAsync(new MemoryStream()))).Status.ShouldBe(400);
        (await ScalarAsync("select count(*) from arsip.arsip_blobs where sha256 = $1", Samples.Sha256(Samples.Noise(1)))).ShouldBe(0);
        Directory.EnumerateFiles(_staging, "*", SearchOption.AllDirectories).ShouldBeEmpty();
        (await store.OpenReadAsync("../../etc/passwd")).ShouldBeNull();
    }

    [Fact]
    public async Task Deleting_removes_the_blob_and_every_chunk_and_the_runtime_role_cannot_rewrite_a_blob()
    {
        var store = Store();
        var blob = await store.PutAsync(new MemoryStream(Samples.Pdf(2500)));

        await using (var connection = new NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand("update arsip.arsip_blob_chunks set data = '\\x00' where sha256 = $1", connection) { Parameters = { new() { Value = blob.Sha256 } } };
            (await Should.ThrowAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }

        await store.DeleteAsync(blob.Sha256);
        await store.DeleteAsync(blob.Sha256); // nothing there: nothing happens
        (await store.ExistsAsync(blob.Sha256)).ShouldBeFalse();
        (await ChunksAsync(blob.Sha256)).ShouldBe(0);
    }

    [Fact]
    public async Task Migration_copies_every_blob_verifies_each_hash_and_refuses_a_damaged_one()
    {
        var folder = new FileBlobStore(Path.Combine(_staging, "folder"), 1_000_000);
        var good = await folder.PutAsync(new MemoryStream(Samples.Pdf(2200)));
        var damaged = await folder.PutAsync(new MemoryStream(Samples.Png(800)));
        var path = folder.PathOf(damaged.Sha256)!;
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[100] ^= 0xFF; // one byte changed on disk after it was stored
        await File.WriteAllBytesAsync(path, bytes);
        var target = Store();

        var first = await BlobMigrations.MigrateAsync(folder, target, null, CancellationToken.None);

        first.Copied.ShouldBe(1);
        first.Problems.ShouldHaveSingleItem().ShouldStartWith(damaged.Sha256);
        (await ReadAllAsync(target, good.Sha256, 4096)).ShouldBe(await File.ReadAllBytesAsync(folder.PathOf(good.Sha256)!));
        (await target.ExistsAsync(damaged.Sha256)).ShouldBeFalse("a damaged source is not copied");
        (await ScalarAsync("select count(*) from arsip.arsip_blobs where sha256 = $1", Convert.ToHexStringLower(SHA256.HashData(bytes)))).ShouldBe(0,
            "nor stored under the hash of its damaged bytes");

        var again = await BlobMigrations.MigrateAsync(folder, target, null, CancellationToken.None);
        (again.Copied, again.AlreadyThere).ShouldBe((0, 1));
    }

    [Fact]
    public async Task A_file_read_by_several_at_once_is_read_once_and_its_text_forgotten_at_pemusnahan()
    {
        var texts = new Arsip.Searching.PostgresFileTextCache(App.Store);
        var sha = Samples.Sha256(Samples.Noise(64));
        var reads = 0;
        async Task<string?> Read(CancellationToken ct)
        {
            Interlocked.Increment(ref reads);
            await Task.Delay(300, ct); // long enough for the others to ask meanwhile
            return "kata-kata pindaian";
        }

        var texts4 = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => texts.ReadOnceAsync(sha, "uji", Read, CancellationToken.None)));

        texts4.ShouldAllBe(t => t == "kata-kata pindaian");
        reads.ShouldBe(1);
        (await texts.ReadOnceAsync(sha, "lain", _ => Task.FromResult<string?>(null), CancellationToken.None)).ShouldBeNull("a file that cannot be read now");
        (await texts.GetAsync(sha, "lain", CancellationToken.None)).ShouldBeNull("is not remembered as read");
        await texts.ForgetAsync([sha], CancellationToken.None);
        (await texts.GetAsync(sha, "uji", CancellationToken.None)).ShouldBeNull();
    }

    public void Dispose()
    {
        if (Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true);
    }
}
