using Arsip.Access;

namespace Arsip.Correspondence;

/// <summary>Where a letter delivered by another agency came from (in this installation or by envelope from a peer): recorded with its
/// registration, so its first disposition and its first read can be told to the sender.</summary>
public sealed record DeliveryOrigin(Guid DeliveryId, string FromAgency, Guid FromLetterId, bool ByEnvelope);

public sealed record IncomingLetterDeliveredFrom(Guid LetterId, DeliveryOrigin Origin);

/// <summary>How far a delivered letter has come at the receiving agency, after "diterima".</summary>
public enum DeliveryProgress { Disposed, Read }

/// <summary>The first time a delivered letter was opened by someone other than a registrar (who registers and files, not reads).</summary>
public sealed record IncomingLetterFirstRead(Guid LetterId, Guid PersonId, string PersonName, DateTimeOffset ReadAt);

/// <summary>A durable local message from the GET (as <see cref="SecretLetterRead"/>): a read never fails on a concurrent append.</summary>
public sealed record DeliveredLetterOpened(Guid LetterId, Guid PersonId, string PersonName, DateTimeOffset ReadAt);

/// <summary>At the receiving agency: its letter from another agency was first disposed or first read; Exchange tells the sender
/// (if the agency allows it), once.</summary>
public sealed record DeliveredLetterProgressed(Guid LetterId, DeliveryOrigin Origin, DeliveryProgress Progress, DateTimeOffset At);

/// <summary>At the sender: one recipient's letter was disposed or read there.</summary>
public sealed record OutgoingLetterDeliveryProgressed(Guid LetterId, Guid DeliveryId, string Agency, DeliveryProgress Progress, DateTimeOffset At);

/// <summary>To the sending agency (its tenant): a recipient in this installation, or a peer's signed receipt, reports progress.</summary>
public sealed record LetterDeliveryProgress(Guid DeliveryId, Guid FromLetterId, string ToAgency, DeliveryProgress Progress, DateTimeOffset At);

public static class DeliveredLetterReads
{
    /// <summary>The reads that count: a delivered letter not read before, opened by someone who is not (only) its registrar.</summary>
    public static bool Counts(Caller caller, IncomingLetterView letter) =>
        letter.Origin is not null && letter.FirstReadAt is null && !caller.Roles.Contains(Role.Registrar) && caller.PersonId != Guid.Empty;

    public static DeliveredLetterOpened Of(Caller caller, Guid letterId, DateTimeOffset now) => new(letterId, caller.PersonId, caller.Name, now);
}

public static class DeliveredLetterOpenedHandler
{
    public static Decision Decide(DeliveredLetterOpened opened, IncomingLetterView? letter) =>
        letter?.Origin is null || letter.FirstReadAt is not null || letter.Destroyed is not null
            ? Decision.Accept()
            : Decision.Accept(new IncomingLetterFirstRead(opened.LetterId, opened.PersonId, opened.PersonName, opened.ReadAt));

    /// <summary>Two first reads at once: the second append fails on the stream version and its retry finds the letter read.</summary>
    public static async Task<DeliveredLetterProgressed?> Handle(DeliveredLetterOpened opened, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<IncomingLetter>(opened.LetterId, ct);
        var letter = await session.LoadAsync<IncomingLetterView>(opened.LetterId, ct);
        if (Decide(opened, letter).Events is not [IncomingLetterFirstRead read]) return null;
        stream.AppendOne(read);
        return new DeliveredLetterProgressed(opened.LetterId, letter!.Origin!, DeliveryProgress.Read, read.ReadAt);
    }
}

public static class LetterDeliveryProgressHandler
{
    /// <summary>Each progress once per recipient: a second disposition, a redelivered receipt record nothing.</summary>
    public static Decision Decide(LetterDeliveryProgress progress, OutgoingLetterView? letter) =>
        letter is null || letter.Deliveries.All(d => d.DeliveryId != progress.DeliveryId)
            || letter.Progress.Any(p => p.DeliveryId == progress.DeliveryId && p.Progress == progress.Progress)
            ? Decision.Accept()
            : Decision.Accept(new OutgoingLetterDeliveryProgressed(progress.FromLetterId, progress.DeliveryId, progress.ToAgency, progress.Progress, progress.At));

    public static async Task Handle(LetterDeliveryProgress progress, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<OutgoingLetter>(progress.FromLetterId, ct);
        if (Decide(progress, await session.LoadAsync<OutgoingLetterView>(progress.FromLetterId, ct)).Events is [var progressed]) stream.AppendOne(progressed);
    }
}
