using JasperFx;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Arsip.Infrastructure;

/// <summary>
/// Marten reports a save that lost a race on one stream (another request appended to the same letter meanwhile, e.g. its first read)
/// as a collision of whichever new stream the same save starts, though that stream was never written; a proposal that lost the race
/// for a berkas's claim (<c>CaseFileOnProposal</c>) fails on the claim's key. A handler whose new stream's id is its own, or which finds
/// a client's resent id before deciding, retries either like any concurrency conflict: on fresh state it goes through or refuses
/// with the real reason (the berkas is on the other proposal), not "a duplicate request".
/// </summary>
public static class LostRaces
{
    public static void RetryLostRaces(HandlerChain chain) =>
        chain.OnException<Marten.Exceptions.ExistingStreamIdCollisionException>().Or<DocumentAlreadyExistsException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));
}
