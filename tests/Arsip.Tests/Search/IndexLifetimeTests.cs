using System.Diagnostics;
using Arsip.Search;
using Lucene.Net.Store;
using static Arsip.Tests.Search.Letters;

namespace Arsip.Tests.Search;

public sealed class IndexLifetimeTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "arsip-search-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Upserting_the_same_letter_twice_keeps_one_document()
    {
        var letter = Letter("Undangan rapat");
        using var index = new TestIndex(letter, letter);
        index.Index.Upsert(letter with { Subject = "Undangan rapat pleno" });
        index.Index.Refresh();
        index.Search("undangan").TotalHits.ShouldBe(1);
        index.Search("pleno").Hits.Single().Id.ShouldBe(letter.Id);
    }

    [Fact]
    public void Deleting_removes_the_letter()
    {
        var letter = Letter("Undangan rapat");
        using var index = new TestIndex(letter);
        index.Index.Delete(letter.Id);
        index.Index.Delete(Guid.NewGuid());
        index.Index.Refresh();
        index.Search("undangan").TotalHits.ShouldBe(0);
    }

    [Fact]
    public void An_upsert_becomes_searchable_without_an_explicit_refresh()
    {
        // The background refresh makes it visible; how soon is measured by ops/bench (search freshness), not here,
        // so a busy test machine only makes this wait longer.
        using var directory = new RAMDirectory();
        using var index = new LetterIndex(directory, new LetterIndexOptions { RefreshInterval = TimeSpan.FromMilliseconds(100) });
        index.Upsert(Letter("Pemberitahuan libur"));
        var clock = Stopwatch.StartNew();
        while (index.Search(new SearchRequest(Everyone) { Query = "libur" }).TotalHits == 0)
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), "never refreshed");
            Thread.Sleep(20);
        }
    }

    [Fact]
    public void An_index_nobody_searches_skips_the_timed_refresh_and_the_next_search_sees_every_write()
    {
        using var directory = new RAMDirectory();
        using var index = new LetterIndex(directory, new LetterIndexOptions { RefreshInterval = TimeSpan.FromMilliseconds(20), SearchIdleAfter = TimeSpan.FromMinutes(1) });
        index.Upsert(Letter("Pemberitahuan libur"));
        index.Refresh(); // an explicit refresh (not a search): the first reopen's code is ready
        index.Upsert(Letter("Undangan rapat"));
        Thread.Sleep(500); // 25 refresh periods, none taken: nobody has searched since the index opened
        index.SearchedLetters.ShouldBe(1);

        // the first search refreshes before it reads
        index.Search(new SearchRequest(Everyone) { Query = "undangan" }).TotalHits.ShouldBe(1);

        // searched lately: the timer refreshes again
        index.Upsert(Letter("Nota dinas"));
        var clock = Stopwatch.StartNew();
        while (index.SearchedLetters < 3)
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), "never refreshed while searched");
            Thread.Sleep(10);
        }
    }

    [Fact]
    public void Segments_merged_after_the_last_commit_leave_the_disk_at_the_next_commit()
    {
        using var directory = FSDirectory.Open(folder);
        using var index = new LetterIndex(directory);
        // eleven one-letter segments: the eleventh commit starts a background merge of the small ones
        for (var i = 1; i <= 11; i++)
        {
            index.Upsert(Letter($"Surat nomor {i}"));
            index.Commit(i);
        }

        string[] OnDisk() => directory.ListAll().Where(f => f is not ("write.lock" or "segments.gen")).Order().ToArray();
        Lucene.Net.Index.SegmentInfos LastCommit()
        {
            var commit = new Lucene.Net.Index.SegmentInfos();
            commit.Read(directory);
            return commit;
        }
        string[] Committed() => LastCommit().GetFiles(directory, includeSegmentsFile: true).Order().ToArray();
        // the quiet feeder's call: once the merge is done it is committed, and the merged-away files are gone
        var waited = Stopwatch.StartNew();
        while (true)
        {
            index.CommitAtCheckpoint();
            if (LastCommit().Count < 11 && OnDisk().SequenceEqual(Committed())) break;
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), $"on disk: {string.Join(", ", OnDisk())}; committed: {string.Join(", ", Committed())}");
            Thread.Sleep(20);
        }
        index.Checkpoint.ShouldBe(11);
        index.Refresh();
        index.Search(new SearchRequest(Everyone) { Query = "surat", PageSize = 20 }).TotalHits.ShouldBe(11);
    }

    [Fact]
    public void After_a_crash_the_index_reopens_at_the_last_commit()
    {
        var committed = Letter("Surat yang sudah tersimpan");
        var lost = Letter("Surat yang belum tersimpan");
        using (var index = LetterIndex.Open(folder))
        {
            index.Checkpoint.ShouldBeNull();
            index.Upsert(committed);
            index.Commit(41);
            index.Upsert(lost);
            index.Delete(committed.Id);
            index.Refresh();
            index.Search(new SearchRequest(Everyone) { Query = "tersimpan" }).Hits.Single().Id.ShouldBe(lost.Id);
        } // no commit: the process "dies" here

        using (var reopened = LetterIndex.Open(folder))
        {
            reopened.Checkpoint.ShouldBe(41);
            reopened.Search(new SearchRequest(Everyone) { Query = "tersimpan" }).Hits.Single().Id.ShouldBe(committed.Id);

            // The feeder replays from the checkpoint; the replay is idempotent.
            reopened.Upsert(lost);
            reopened.Delete(committed.Id);
            reopened.Commit(42);
        }

        using var again = LetterIndex.Open(folder);
        again.Checkpoint.ShouldBe(42);
        again.Search(new SearchRequest(Everyone) { Query = "tersimpan" }).Hits.Single().Id.ShouldBe(lost.Id);
    }

    [Fact]
    public void A_rebuild_replaces_everything_and_an_interrupted_one_leaves_the_old_index()
    {
        var old = Letter("Arsip lama");
        var fresh = Letter("Arsip baru");
        using (var index = LetterIndex.Open(folder))
        {
            index.Upsert(old);
            index.Commit(10);
            index.DeleteAll();
            index.Upsert(fresh);
        } // rebuild interrupted before its commit

        using (var index = LetterIndex.Open(folder))
        {
            index.Checkpoint.ShouldBe(10);
            index.Search(new SearchRequest(Everyone) { Query = "arsip" }).Hits.Single().Id.ShouldBe(old.Id);
            index.DeleteAll();
            index.Upsert(fresh);
            index.Commit(99);
        }

        using var rebuilt = LetterIndex.Open(folder);
        rebuilt.Checkpoint.ShouldBe(99);
        rebuilt.Search(new SearchRequest(Everyone) { Query = "arsip" }).Hits.Single().Id.ShouldBe(fresh.Id);
    }

    [Fact]
    public async Task Searches_run_concurrently_with_writes()
    {
        using var index = new TestIndex();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 300; i++) index.Index.Upsert(Letter($"Nota dinas nomor {i}", id: new Guid(i + 1, 0, 0, new byte[8])));
            index.Index.Refresh();
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!writer.IsCompleted) index.Search("nota dinas").TotalHits.ShouldBeInRange(0, 300);
        })).ToArray();
        await Task.WhenAll([writer, .. readers]);
        index.Search("nota dinas").TotalHits.ShouldBe(300);
    }
}

public sealed class RebuildTests
{
    [Fact]
    public void During_a_rebuild_searches_keep_the_old_index_until_the_commit()
    {
        using var directory = new RAMDirectory();
        using var index = new LetterIndex(directory, new LetterIndexOptions { RefreshInterval = TimeSpan.FromMilliseconds(20) });
        var old = Letter("Arsip lama");
        index.Upsert(old);
        index.Commit(5);
        index.Refresh();

        index.DeleteAll();
        index.Rebuilding.ShouldBeTrue();
        var fresh = Letter("Arsip baru");
        index.Upsert(fresh);
        Thread.Sleep(200); // several refresh periods
        index.Search(new SearchRequest(Everyone) { Query = "arsip" }).Hits.Single().Id.ShouldBe(old.Id);

        index.Commit(9);
        index.Rebuilding.ShouldBeFalse();
        index.Refresh();
        index.Search(new SearchRequest(Everyone) { Query = "arsip" }).Hits.Single().Id.ShouldBe(fresh.Id);
    }

    [Fact]
    public void An_index_written_with_another_analysis_asks_for_a_rebuild()
    {
        using var directory = new RAMDirectory();
        // An index committed before analysis versions existed: a checkpoint and nothing else.
        using (var old = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(
                   Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            old.SetCommitData(new Dictionary<string, string> { ["arsip.checkpoint"] = "7" });
            old.Commit();
        }

        using (var index = new LetterIndex(directory))
        {
            index.Checkpoint.ShouldBe(7);
            index.NeedsRebuild.ShouldBeTrue();
            index.DeleteAll();
            index.NeedsRebuild.ShouldBeFalse();
            index.Commit(7);
        }

        using var rebuilt = new LetterIndex(directory);
        rebuilt.NeedsRebuild.ShouldBeFalse();
    }

    [Fact]
    public void A_commit_read_before_a_reset_does_not_overwrite_the_reset()
    {
        using var directory = new RAMDirectory();
        using var index = new LetterIndex(directory);
        index.Upsert(Letter("Surat lama"));
        var generation = index.Generation;
        index.TryCommit(10, generation).ShouldBeTrue();

        index.DeleteAll(); // a reset between a feeder's read and its commit
        index.Commit(0);
        index.TryCommit(11, generation).ShouldBeFalse();
        index.Checkpoint.ShouldBe(0);
    }

    [Fact]
    public void A_new_index_needs_no_rebuild()
    {
        using var directory = new RAMDirectory();
        using var index = new LetterIndex(directory);
        index.NeedsRebuild.ShouldBeFalse();
    }
}
