using System.Security.Cryptography;
using Arsip.Attachments;

namespace Arsip.Tests.Attachments;

public sealed class BlobStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"arsip-blobs-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static byte[] Pdf(int size) => [.. "%PDF-1.7\n"u8, .. RandomNumberGenerator.GetBytes(size), .. "\n%%EOF"u8];

    [Fact]
    public async Task Stores_by_sha256_once_and_reads_back_the_same_bytes()
    {
        var store = new FileBlobStore(_root, 10_000_000);
        var bytes = Pdf(200_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var first = await store.PutAsync(new MemoryStream(bytes));
        var second = await store.PutAsync(new MemoryStream(bytes));

        first.ShouldBe(new BlobRef(sha, bytes.Length, "application/pdf"));
        second.ShouldBe(first);
        File.Exists(Path.Combine(_root, sha[..2], sha[2..4], sha)).ShouldBeTrue();
        (await store.ExistsAsync(sha)).ShouldBeTrue();
        await using var read = (await store.OpenReadAsync(sha))!;
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        copy.ToArray().ShouldBe(bytes);
        Directory.GetFiles(Path.Combine(_root, "tmp")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Refuses_at_the_limit_without_reading_further_or_leaving_a_file()
    {
        var store = new FileBlobStore(_root, 1000);
        var source = new CountingStream(Pdf(100_000));

        var refused = await Should.ThrowAsync<BlobRefusedException>(() => store.PutAsync(source));

        refused.Status.ShouldBe(413);
        source.BytesRead.ShouldBeLessThan(100_000);
        Directory.GetFiles(_root, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Blobs_committed_together_are_all_stored_once_and_leave_no_staged_file()
    {
        var store = new FileBlobStore(_root, 1_000_000);
        IBlobStore asStore = store;
        var contents = Enumerable.Range(0, 20).Select(_ => Pdf(5_000)).ToList();
        await store.PutAsync(new MemoryStream(contents[0])); // already stored: kept as it is
        var staged = new List<StagedBlob>();
        foreach (var bytes in contents.Append(contents[1])) staged.Add(await store.StageAsync(new MemoryStream(bytes)));

        await asStore.CommitAllAsync(staged);
        foreach (var blob in staged) await blob.DisposeAsync();

        foreach (var bytes in contents)
        {
            await using var read = (await store.OpenReadAsync(Convert.ToHexStringLower(SHA256.HashData(bytes))))!;
            var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            copy.ToArray().ShouldBe(bytes);
        }
        (await store.ListAsync().ToListAsync()).Count.ShouldBe(20);
        Directory.GetFiles(Path.Combine(_root, "tmp")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Deleting_many_blobs_deletes_exactly_those_named()
    {
        var store = new FileBlobStore(_root, 1_000_000);
        var stored = new List<BlobRef>();
        for (var i = 0; i < 12; i++) stored.Add(await store.PutAsync(new MemoryStream(Pdf(1_000))));

        await ((IBlobStore)store).DeleteManyAsync([.. stored.Take(10).Select(b => b.Sha256), new string('a', 64)], atOnce: 4);

        (await store.ListAsync().ToListAsync()).Order().ShouldBe(stored.Skip(10).Select(b => b.Sha256).Order());
    }

    [Fact]
    public async Task Staged_blobs_that_are_not_committed_leave_nothing()
    {
        var store = new FileBlobStore(_root, 1_000_000);
        var bytes = Pdf(100);
        await using (var staged = await store.StageAsync(new MemoryStream(bytes))) staged.Blob.Length.ShouldBe(bytes.Length);
        Directory.GetFiles(_root, "*", SearchOption.AllDirectories).ShouldBeEmpty();
        (await store.OpenReadAsync("../../etc/passwd")).ShouldBeNull();
    }

    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var n = await base.ReadAsync(buffer, ct);
            BytesRead += n;
            return n;
        }
    }
}
