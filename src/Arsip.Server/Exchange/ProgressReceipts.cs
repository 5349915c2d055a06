using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Onboarding;
using Microsoft.Extensions.Options;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Arsip.Exchange;

/// <summary>Whether this agency tells senders when their letters are first disposed ("didisposisikan") and first read ("dibaca").</summary>
public sealed record ReceiptSettingsSet(bool SendDisposed, bool SendRead, string By, DateTimeOffset At);

/// <summary>One stream per agency (the same id in every tenant). Default on: the sender of an official letter follows it up, and the
/// receipt carries only the status and its time (no name, no content), as SRIKANDI shows senders; an administrator can turn either off.</summary>
public sealed class ReceiptSettings
{
    public static readonly Guid Stream = new("0193a000-0000-7000-8000-0000000000e1");
    public static readonly ReceiptSettings Default = new() { Id = Stream, SendDisposed = true, SendRead = true };

    public Guid Id { get; set; }
    public bool SendDisposed { get; set; }
    public bool SendRead { get; set; }
    public string? ChangedBy { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }

    public static ReceiptSettings Create(ReceiptSettingsSet e) => new ReceiptSettings { Id = Stream }.With(e);

    public void Apply(ReceiptSettingsSet e) => With(e);

    private ReceiptSettings With(ReceiptSettingsSet e)
    {
        (SendDisposed, SendRead, ChangedBy, ChangedAt) = (e.SendDisposed, e.SendRead, e.By, e.At);
        return this;
    }

    public bool Allows(DeliveryProgress progress) => progress == DeliveryProgress.Disposed ? SendDisposed : SendRead;

    public static async Task<ReceiptSettings> OfAsync(IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ReceiptSettings>(Stream, ct) ?? Default;
}

public sealed record SetReceiptSettings(bool? SendDisposed, bool? SendRead);

public sealed record SetReceiptSettingsCommand(SetReceiptSettings Body, string By);

public static class ReceiptSettingsHandler
{
    /// <summary>The same settings again record nothing.</summary>
    public static Decision Decide(SetReceiptSettingsCommand command, ReceiptSettings current, DateTimeOffset now)
    {
        if (command.Body.SendDisposed is not { } disposed || command.Body.SendRead is not { } read)
            return Decision.Refuse(Problems.BadRequest("sendDisposed", "sendDisposed dan sendRead wajib diisi (both are required)."));
        return current.SendDisposed == disposed && current.SendRead == read && current.ChangedAt is not null
            ? Decision.Accept()
            : Decision.Accept(new ReceiptSettingsSet(disposed, read, command.By, now));
    }

    public static async Task<Decision> Handle(SetReceiptSettingsCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ReceiptSettings>(ReceiptSettings.Stream, ct);
        return Decide(command, stream.Aggregate ?? ReceiptSettings.Default, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverineGet("/api/exchange/receipt-settings")]
    [Tags("Instalasi")]
    [EndpointSummary("Whether this agency tells senders when their letters are first disposed and first read (administrators)")]
    [Authorize(Policy = Policies.Administrator)]
    public static async Task<ReceiptSettings> Get([NotBody] Caller caller, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(caller.Agency);
        return await ReceiptSettings.OfAsync(session, ct);
    }

    [WolverinePut("/api/exchange/receipt-settings")]
    [Tags("Instalasi")]
    [EndpointSummary("Turn the \"didisposisikan\" and \"dibaca\" receipts to senders on or off (administrators)")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public static async Task<IResult> Put(SetReceiptSettings body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new SetReceiptSettingsCommand(body, caller.Name), ct)).ToResult(Results.NoContent);
}

/// <summary>The receiving installation's signed word that the letter of envelope <c>EnvelopeId</c> was first disposed or read at
/// <c>ToAgency</c>. ReceiptId is the same for every attempt (one per envelope and progress), so the sender records it once.</summary>
public sealed record ProgressReceipt(Guid ReceiptId, Guid EnvelopeId, string FromAgency, string ToAgency, DeliveryProgress Progress, DateTimeOffset At,
    DateTimeOffset SignedAt, string ReceiverKeyId)
{
    public static Guid IdFor(Guid deliveryId, DeliveryProgress progress)
    {
        Span<byte> bytes = stackalloc byte[17];
        deliveryId.TryWriteBytes(bytes);
        bytes[16] = (byte)progress;
        return new Guid(SHA256.HashData(bytes)[..16]);
    }
}

public enum ProgressReceiptStatus { Queued, Retrying, Delivered, Refused, Cancelled }

/// <summary>The receiver's record of one progress receipt (its id: <see cref="ProgressReceipt.IdFor"/>), in the receiving agency's
/// tenant: it exists once the receipt is due, so a second disposition or read finds it and sends nothing. It is the receiving side's
/// outbox of receipts too (<c>/admin/kiriman</c>, <c>GET /api/exchange/receipts/outbox</c>); optimistic concurrency, as for envelopes,
/// lets an administrator's cancel and a send in flight find each other.</summary>
public sealed class ProgressReceiptState
{
    public Guid Id { get; set; }
    public Guid IncomingLetterId { get; set; }
    public DeliveryOrigin Origin { get; set; } = null!;
    public DeliveryProgress Progress { get; set; }
    public DateTimeOffset At { get; set; }
    public ProgressReceiptStatus Status { get; set; }
    public int Generation { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Why it was refused or cancelled (who cancelled).</summary>
    public string? Reason { get; set; }
    public string? PeerId { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>Sends (or tries again) the receipt <c>ReceiptId</c>; Generation as for envelopes: a stale scheduled copy does nothing.</summary>
public sealed record SendProgressReceipt(Guid ReceiptId, int Generation = 0);

public static class DeliveredLetterProgressedHandler
{
    /// <summary>Once per letter and progress, if the agency allows it: in this installation straight to the sender's tenant, to a peer
    /// through the durable envelope queue.</summary>
    public static async Task Handle(DeliveredLetterProgressed progressed, IDocumentSession session, IMessageContext context, ArsipClock clock, CancellationToken ct)
    {
        var origin = progressed.Origin;
        var id = ProgressReceipt.IdFor(origin.DeliveryId, progressed.Progress);
        if (!(await ReceiptSettings.OfAsync(session, ct)).Allows(progressed.Progress) || await session.LoadAsync<ProgressReceiptState>(id, ct) is not null) return;
        var state = new ProgressReceiptState
        {
            Id = id, IncomingLetterId = progressed.LetterId, Origin = origin, Progress = progressed.Progress, At = progressed.At, Status = ProgressReceiptStatus.Queued,
            QueuedAt = clock.GetUtcNow(),
        };
        if (origin.ByEnvelope)
            await context.PublishAsync(new SendProgressReceipt(id), new DeliveryOptions { TenantId = session.TenantId });
        else
        {
            (state.Status, state.DeliveredAt) = (ProgressReceiptStatus.Delivered, state.QueuedAt);
            await context.PublishAsync(new LetterDeliveryProgress(origin.DeliveryId, origin.FromLetterId, session.TenantId, progressed.Progress, progressed.At),
                new DeliveryOptions { TenantId = origin.FromAgency });
        }
        session.Insert(state); // a concurrent twin fails here and, retried, finds it
    }
}

public static class SendProgressReceiptHandler
{
    /// <summary>As an envelope: the peer's answers are recorded and backed off; a failure here is retried without end.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<Exception>().ScheduleRetryIndefinitely(DeliverLetterToPeerHandler.LocalFailureRetries);

    public static async Task Handle(SendProgressReceipt message, IDocumentSession session, IMessageContext context, IHttpClientFactory clients, PeerDirectory peers,
        ExchangeKey key, IOptions<ExchangeOptions> options, ArsipClock clock, IDocumentStore store, ILogger<ProgressReceipt> logger, CancellationToken ct)
    {
        if (await session.LoadAsync<ProgressReceiptState>(message.ReceiptId, ct) is not { } state
            || state.Status is not (ProgressReceiptStatus.Queued or ProgressReceiptStatus.Retrying) || state.Generation != message.Generation) return;
        var now = clock.GetUtcNow();
        var peer = await peers.HostOfAsync(state.Origin.FromAgency, ct);
        (state.Attempts, state.LastAttemptAt, state.PeerId) = (state.Attempts + 1, now, peer?.PeerId ?? state.PeerId);
        var receipt = new ProgressReceipt(state.Id, state.Origin.DeliveryId, state.Origin.FromAgency, session.TenantId, state.Progress, state.At, now, key.KeyId);
        var (status, error) = peer is null ? (0, "Tidak ada instalasi dalam direktori yang melayani instansi pengirim (no peer hosts the sending agency).")
            : await PostAsync(clients, peer, receipt, key, options.Value.Timeout, ct);
        if (status is >= 200 and < 300)
        {
            (state.Status, state.LastError, state.NextAttemptAt, state.DeliveredAt) = (ProgressReceiptStatus.Delivered, null, null, now);
            session.Store(state);
            await CommitDeliveredAsync(session, store, state, ct);
            return;
        }
        if (peer is null || status is >= 400 and < 500 and not (408 or 429))
        {
            logger.LogWarning("Receipt {Receipt} ({Progress}) for envelope {Envelope} refused by {Peer}: {Status} {Error}", state.Id, state.Progress,
                state.Origin.DeliveryId, peer?.PeerId, status, error);
            (state.Status, state.LastError, state.Reason, state.NextAttemptAt) = (ProgressReceiptStatus.Refused, error, error, null);
        }
        else
        {
            (state.Status, state.LastError, state.Generation) = (ProgressReceiptStatus.Retrying, error, state.Generation + 1);
            state.NextAttemptAt = now + options.Value.BackoffAfter(state.Attempts);
            await context.PublishAsync(message with { Generation = state.Generation }, new DeliveryOptions { TenantId = session.TenantId, ScheduledTime = state.NextAttemptAt });
        }
        // a cancel committed meanwhile makes this fail; the retry finds it cancelled and stops
        session.Store(state);
    }

    /// <summary>The sender has it and cannot un-know it: a cancel that committed while it was on its way is overtaken, with a note.</summary>
    private static Task CommitDeliveredAsync(IDocumentSession session, IDocumentStore store, ProgressReceiptState delivered, CancellationToken ct) =>
        EnvelopeRace.SaveOrOvertakeAsync<ProgressReceiptState>(session, store, delivered.Id, s => s.Status == ProgressReceiptStatus.Delivered, (current, _) =>
        {
            current.Reason = $"{current.Reason} — terlambat: tanda terima sudah sampai ke pengirim sebelum pembatalan tercatat (the cancel came too late).";
            (current.Status, current.DeliveredAt, current.NextAttemptAt, current.LastError, current.PeerId, current.LastAttemptAt) =
                (ProgressReceiptStatus.Delivered, delivered.DeliveredAt, null, null, delivered.PeerId, delivered.LastAttemptAt);
            current.Attempts = Math.Max(current.Attempts, delivered.Attempts);
            return Task.CompletedTask;
        }, ct);

    private static async Task<(int Status, string? Error)> PostAsync(IHttpClientFactory clients, PeerInstallation peer, ProgressReceipt receipt, ExchangeKey key,
        TimeSpan timeout, CancellationToken ct)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(receipt, EnvelopeFormat.Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{peer.BaseUrl}{EnvelopePaths.Receipts}") { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(EnvelopeFormat.KeyIdHeader, key.KeyId);
        request.Headers.Add(EnvelopeFormat.SignatureHeader, key.Sign(json));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(EnvelopeSender.ClientName).SendAsync(request, limit.Token);
            return ((int)response.StatusCode, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(limit.Token)}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            return (0, e.Message);
        }
    }
}

public sealed record RecordProgressReceipt(ProgressReceipt Receipt);

/// <summary>At the sender: a peer's signed receipt lands on the letter once; one for an envelope this agency never sent to that agency is refused.</summary>
public static class ProgressReceiptIntake
{
    private const int MaxReceiptBytes = 16 * 1024;

    [WolverinePost(EnvelopePaths.Receipts)]
    [AllowAnonymous]
    [Tags("Instalasi")]
    [EndpointSummary("Receive a peer's signed receipt: the letter of an envelope was first disposed or first read there")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public static async Task<IResult> Post(HttpRequest request, PeerDirectory peers, AgencyDirectory agencies, IMessageBus bus, IOptions<ExchangeOptions> options,
        ArsipClock clock, RefusalLog refusals, ILogger<ProgressReceipt> logger, CancellationToken ct)
    {
        var claims = new RefusalClaims(request.Headers[EnvelopeFormat.KeyIdHeader].ToString());
        async Task<IResult> Refuse(ProblemDetails problem)
        {
            logger.LogWarning("Receipt refused ({Status}): {Detail}", problem.Status, problem.Detail);
            await refusals.RecordAsync(RefusedItem.Receipt, claims, problem.Status ?? 400, problem.Detail ?? problem.Title, request.HttpContext, ct);
            return Results.Problem(problem);
        }

        if (request.ContentLength > MaxReceiptBytes) return await Refuse(Problem(StatusCodes.Status413PayloadTooLarge, "Tanda terima terlalu besar (receipt too large)."));
        var peer = await peers.ByKeyIdAsync(claims.KeyId, ct);
        // at most 16 KB, read even from an unknown sender for the names it claims (the refusal record)
        using var body = await ReceiveEnvelopeEndpoint.ReadAtMostAsync(request.Body, MaxReceiptBytes + 1, ct);
        var bytes = body.ToArray();
        claims = claims.With(bytes, RefusedItem.Receipt) with { PeerId = peer?.PeerId };
        if (peer is null) return await Refuse(Problems.Forbidden("Pengirim tidak ada dalam direktori instalasi ini (unknown sender)."));
        if (body.Length > MaxReceiptBytes) return await Refuse(Problem(StatusCodes.Status413PayloadTooLarge, "Tanda terima terlalu besar (receipt too large)."));
        if (!peer.Signed(bytes, request.Headers[EnvelopeFormat.SignatureHeader].ToString()))
            return await Refuse(Problems.Forbidden("Tanda tangan tanda terima tidak sah (bad receipt signature)."));
        ProgressReceipt? receipt;
        try { receipt = JsonSerializer.Deserialize<ProgressReceipt>(bytes, EnvelopeFormat.Json); }
        catch (JsonException e) { return await Refuse(Problems.BadRequest("receipt", $"Tanda terima rusak (malformed receipt): {e.Message}")); }
        if (receipt is null || receipt.ReceiverKeyId != peer.KeyId || receipt.ReceiptId != ProgressReceipt.IdFor(receipt.EnvelopeId, receipt.Progress))
            return await Refuse(Problems.BadRequest("receipt", "Isi tanda terima tidak konsisten (inconsistent receipt)."));
        if ((clock.GetUtcNow() - receipt.SignedAt).Duration() > options.Value.MaxClockSkew)
            return await Refuse(Problem(StatusCodes.Status422UnprocessableEntity, $"Tanda terima ditandatangani {receipt.SignedAt:u}: terlalu lama (signed too long ago: a replayed copy)."));
        if (!peer.Agencies.Contains(receipt.ToAgency))
            return await Refuse(Problems.Forbidden($"Instalasi {peer.PeerId} tidak melayani {receipt.ToAgency} menurut direktori (the peer does not host that agency)."));
        if (await agencies.FindAsync(receipt.FromAgency, ct) is null)
            return await Refuse(Problems.NotFound("Instansi", receipt.FromAgency));
        return (await bus.InvokeForTenantAsync<Decision>(receipt.FromAgency, new RecordProgressReceipt(receipt), ct)).Refusal is { } refused
            ? await Refuse(refused)
            : Results.NoContent();
    }

    private static ProblemDetails Problem(int status, string detail) => new() { Status = status, Title = "Tanda terima ditolak (receipt refused)", Detail = detail };
}

public static class RecordProgressReceiptHandler
{
    public static async Task<Decision> Handle(RecordProgressReceipt command, IDocumentSession session, CancellationToken ct)
    {
        var receipt = command.Receipt;
        if (await session.LoadAsync<EnvelopeState>(receipt.EnvelopeId, ct) is not { } envelope || envelope.ToAgency != receipt.ToAgency)
            return Decision.Refuse(Problems.NotFound("Amplop", receipt.EnvelopeId));
        var stream = await session.Events.FetchForWriting<OutgoingLetter>(envelope.LetterId, ct);
        var decision = LetterDeliveryProgressHandler.Decide(new LetterDeliveryProgress(envelope.Id, envelope.LetterId, receipt.ToAgency, receipt.Progress, receipt.At),
            await session.LoadAsync<OutgoingLetterView>(envelope.LetterId, ct));
        return decision.AppendTo(stream);
    }
}
