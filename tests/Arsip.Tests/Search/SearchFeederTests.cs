using Arsip.Searching;

namespace Arsip.Tests.Search;

public sealed class SearchFeederTests
{
    [Theory]
    [InlineData(11, 10, 0, true)]   // follows without a gap, the daemon not caught up yet
    [InlineData(12, 10, 0, false)]  // 11 may still commit: wait
    [InlineData(12, 10, 12, true)]  // the high-water mark passed 11 (a rolled-back append, skipped)
    [InlineData(15, 10, 14, false)] // past the mark and past a gap
    [InlineData(1, 0, 0, true)]     // the first event of a new store
    public void An_event_is_applied_only_when_no_lower_numbered_event_can_still_appear(long sequence, long previous, long highWaterMark, bool applied) =>
        SearchFeeder.CanApply(sequence, previous, highWaterMark).ShouldBe(applied);
}
