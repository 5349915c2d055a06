using Arsip.Infrastructure;
using Arsip.Audit;

namespace Arsip.Tests.Audit;

public class AnchorDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, 123, TimeSpan.FromHours(7));

    [Fact]
    public void An_anchor_covers_what_came_after_the_previous_one_and_chains_to_its_digest()
    {
        var first = Anchors.Decide("kota", null, [new StreamHead(Guid.NewGuid(), 3, "aa")], 40, "Auditor", Now, Guid.NewGuid(), "key-1");
        first.ShouldSatisfyAllConditions(
            a => a.From.ShouldBe(0), a => a.CoveredThrough.ShouldBe(40), a => a.PreviousDigest.ShouldBe(HashChain.Genesis),
            a => a.Digest.ShouldBe(Anchors.Digest("kota", a)), a => a.Signature.ShouldBeNullOrEmpty());

        var second = Anchors.Decide("kota", first, [], 30, "sistem", Now.AddMinutes(10), Guid.NewGuid(), "key-1");
        second.From.ShouldBe(40);
        second.CoveredThrough.ShouldBe(40); // a high-water mark behind the previous anchor never moves it back
        second.PreviousDigest.ShouldBe(first.Digest);
        Anchors.Decide("bekasi", first, [], 30, "sistem", Now.AddMinutes(10), second.Id, "key-1").Digest.ShouldNotBe(second.Digest);
    }

    [Fact]
    public void Anchors_covering_the_same_events_at_the_same_moment_are_ordered_by_their_links()
    {
        // a high-water mark that has not moved and a clock that has not ticked: only the links tell the order
        var first = Anchors.Decide("kota", null, [new StreamHead(Guid.NewGuid(), 3, "aa")], 40, "Auditor", Now, Guid.NewGuid(), "key-1");
        var second = Anchors.Decide("kota", first, [], 30, "sistem", Now, Guid.NewGuid(), "key-1");
        var third = Anchors.Decide("kota", second, [], 40, "sistem", Now, Guid.NewGuid(), "key-1");

        Anchors.InChainOrder([third, second, first]).ShouldBe([first, second, third]);
        Anchors.InChainOrder([second, third, first]).ShouldBe([first, second, third]);
    }
}
