using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Arsip.Attachments;
using Arsip.Correspondence;
using Microsoft.Extensions.Options;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Arsip.Exchange;

public enum EnvelopeStatus { Queued, Retrying, Received, Refused, Cancelled }

/// <summary>The sender's record of one envelope (one recipient of one letter), in the sending agency's tenant: what the letter's page
/// and the administrator's outbox show.</summary>
public sealed class EnvelopeState
{
    public Guid Id { get; set; }
    public Guid LetterId { get; set; }
    public string LetterNumber { get; set; } = "";
    public string ToAgency { get; set; } = "";
    public string? PeerId { get; set; }
    public EnvelopeStatus Status { get; set; }
    public int Generation { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }
    public int? AgendaNumber { get; set; }
    public DeliverLetterToPeer Message { get; set; } = null!;
}

public abstract record SendOutcome
{
    public sealed record Received(EnvelopeReceipt Receipt) : SendOutcome;
    public sealed record Refused(string Reason) : SendOutcome;
    public sealed record Unreachable(string Error) : SendOutcome;
}

/// <summary>One HTTP attempt: the envelope part, then each file streamed from the blob store. Only a signed 2xx receipt counts as
/// delivered; a 4xx (signed or not) is a refusal; anything else (connection refused, timeout, 5xx) is tried again later.</summary>
public sealed class EnvelopeSender(IHttpClientFactory clients, IBlobStore blobs, ExchangeKey key, IOptions<ExchangeOptions> options, ILogger<EnvelopeSender> logger)
{
    public const string ClientName = "arsip-exchange";

    public async Task<SendOutcome> SendAsync(PeerInstallation peer, LetterEnvelope envelope, CancellationToken ct)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(envelope, EnvelopeFormat.Json);
        var streams = new List<Stream>();
        try
        {
            using var form = new MultipartFormDataContent();
            var head = new ByteArrayContent(json);
            head.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(head, EnvelopeFormat.EnvelopePart);
            foreach (var file in envelope.Letter.Files ?? [])
            {
                var stream = await blobs.OpenReadAsync(file.Sha256, ct);
                if (stream is null) return new SendOutcome.Refused($"Berkas {file.FileName} tidak ada lagi di sini (the file {file.Sha256} is no longer stored here).");
                streams.Add(stream);
                var part = new StreamContent(stream, 256 * 1024); // a 1 MB scan in 4 reads and writes
                part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
                part.Headers.ContentLength = file.Length;
                form.Add(part, EnvelopeFormat.FilePart, file.Sha256);
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{peer.BaseUrl}{EnvelopePaths.Intake}") { Content = form };
            request.Headers.Add(EnvelopeFormat.KeyIdHeader, key.KeyId);
            request.Headers.Add(EnvelopeFormat.SignatureHeader, key.Sign(json));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return Read(peer, envelope, response.StatusCode, response.Headers.TryGetValues(EnvelopeFormat.SignatureHeader, out var s) ? s.FirstOrDefault() : null, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            logger.LogInformation("Envelope {Envelope} to {Peer} not delivered: {Error}", envelope.EnvelopeId, peer.PeerId, e.Message);
            return new SendOutcome.Unreachable(e.Message);
        }
        finally
        {
            foreach (var stream in streams) await stream.DisposeAsync();
        }
    }

    /// <summary>What the peer's answer means; its signature is checked against the key in this installation's directory.</summary>
    public static SendOutcome Read(PeerInstallation peer, LetterEnvelope envelope, HttpStatusCode status, string? signature, byte[] body)
    {
        var signed = peer.Signed(body, signature);
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            if (!signed) return new SendOutcome.Unreachable($"HTTP {code} tanpa tanda tangan yang sah (an answer without a valid signature)");
            var receipt = JsonSerializer.Deserialize<EnvelopeReceipt>(body, EnvelopeFormat.Json);
            return receipt is not null && receipt.EnvelopeId == envelope.EnvelopeId && receipt.ToAgency == envelope.ToAgency
                ? new SendOutcome.Received(receipt)
                : new SendOutcome.Unreachable("Tanda terima untuk amplop lain (a receipt for another envelope)");
        }
        if (code is >= 400 and < 500 && code is not (408 or 429))
        {
            string? detail = null;
            try { detail = JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null; }
            catch (JsonException) { }
            return new SendOutcome.Refused(signed ? detail ?? $"HTTP {code}" : $"HTTP {code} (tanpa tanda tangan / unsigned){(detail is null ? "" : $": {detail}")}");
        }
        return new SendOutcome.Unreachable($"HTTP {code}");
    }
}

public static class DeliverLetterToPeerHandler
{
    /// <summary>The peer's failures are answers (recorded, retried by the backoff below); a failure here (this installation's database down
    /// or failing over) records nothing, so the same attempt is scheduled again, durably, for as long as it takes: never dead-lettered.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<Exception>().ScheduleRetryIndefinitely(LocalFailureRetries);

    /// <summary>Waits between attempts after a failure of this installation (not the peer's), for envelopes and progress receipts alike.</summary>
    public static readonly TimeSpan[] LocalFailureRetries = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    /// <summary>One attempt; a failure schedules the next (durably, in the same transaction as the state), so the peer may be down for days.</summary>
    public static async Task Handle(DeliverLetterToPeer message, IDocumentSession session, IMessageContext context, EnvelopeSender sender, PeerDirectory peers,
        ExchangeKey key, IOptions<ExchangeOptions> options, ArsipClock clock, IDocumentStore store, CancellationToken ct)
    {
        var letter = message.Letter;
        var state = await session.LoadAsync<EnvelopeState>(letter.DeliveryId, ct) ?? new EnvelopeState
        {
            Id = letter.DeliveryId, LetterId = letter.FromLetterId, LetterNumber = letter.LetterNumber, ToAgency = message.ToAgency,
            Status = EnvelopeStatus.Queued, QueuedAt = clock.GetUtcNow(), Message = message,
        };
        if (state.Status is EnvelopeStatus.Received or EnvelopeStatus.Refused or EnvelopeStatus.Cancelled || message.Generation != state.Generation) return;

        var now = clock.GetUtcNow();
        var peer = await peers.HostOfAsync(message.ToAgency, ct);
        var outcome = peer is null
            ? new SendOutcome.Refused($"Tidak ada instalasi dalam direktori yang melayani {message.ToAgency} (no peer hosts this agency).")
            : await sender.SendAsync(peer, new LetterEnvelope(letter.DeliveryId, key.KeyId, letter.FromAgency, message.ToAgency, now, letter), ct);
        (state.PeerId, state.Attempts, state.LastAttemptAt) = (peer?.PeerId, state.Attempts + 1, now);
        switch (outcome)
        {
            case SendOutcome.Received(var receipt):
                (state.Status, state.ReceivedAt, state.AgendaNumber, state.NextAttemptAt, state.LastError) = (EnvelopeStatus.Received, receipt.ReceivedAt, receipt.AgendaNumber, null, null);
                var view = await session.LoadAsync<OutgoingLetterView>(letter.FromLetterId, ct);
                if (LetterDeliveryReceiptHandler.Decide(new LetterDeliveryReceipt(letter.DeliveryId, letter.FromLetterId, message.ToAgency, receipt.IncomingLetterId,
                        receipt.AgendaNumber, receipt.ReceivedAt), view).Events is [var receipted])
                    session.Events.Append(letter.FromLetterId, receipted);
                break;
            case SendOutcome.Refused(var reason):
                (state.Status, state.Reason, state.NextAttemptAt) = (EnvelopeStatus.Refused, reason, null);
                session.Events.Append(letter.FromLetterId, new OutgoingLetterDeliveryRefused(letter.FromLetterId, letter.DeliveryId, message.ToAgency, reason, now));
                break;
            case SendOutcome.Unreachable(var error):
                state.Status = EnvelopeStatus.Retrying;
                state.LastError = error;
                state.Generation++;
                state.NextAttemptAt = now + options.Value.BackoffAfter(state.Attempts);
                await context.PublishAsync(message with { Generation = state.Generation },
                    new DeliveryOptions { TenantId = session.TenantId, ScheduledTime = state.NextAttemptAt });
                break;
        }
        session.Store(state);
        if (outcome is SendOutcome.Received) await EnvelopeRace.CommitReceivedAsync(session, store, state, now, ct);
    }
}
