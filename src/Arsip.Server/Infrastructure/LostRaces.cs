using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Arsip.Infrastructure;

/// <summary>
/// Marten reports a save that lost a race on one stream (another request appended to the same letter meanwhile, e.g. its first read)
/// as a collision of whichever new stream the same save starts, though that stream was never written. A handler whose new stream's id
/// is its own, or which finds a client's resent id before deciding, retries that like any concurrency conflict, on fresh state.
/// </summary>
public static class LostRaces
{
    public static void RetryStreamCollisions(HandlerChain chain) =>
        chain.OnException<Marten.Exceptions.ExistingStreamIdCollisionException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));
}
