using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.Tests.Access;

public class LetterAccessTests
{
    private static readonly Guid AddresseePosition = Guid.NewGuid(), AddresseeUnit = Guid.NewGuid(), RegistryUnit = Guid.NewGuid(), Registrar = Guid.NewGuid();

    private static Caller Person(Guid? position = null, Guid? unit = null, params Role[] roles) =>
        new("kota-bekasi", Guid.NewGuid(), "x", position is null ? [] : [position.Value], unit is null ? [] : [unit.Value], roles);

    private static string[] Letter(SecurityLevel level) =>
        LetterAccess.TokensFor(level, [AddresseePosition], [AddresseeUnit], RegistryUnit, [Registrar]);

    [Fact]
    public void Open_letters_reach_addressed_units_the_registry_and_agency_wide_readers()
    {
        var letter = Letter(SecurityLevel.Terbatas);
        LetterAccess.CanSee(Person(unit: AddresseeUnit), letter).ShouldBeTrue();
        LetterAccess.CanSee(Person(unit: RegistryUnit), letter).ShouldBeTrue();
        LetterAccess.CanSee(Person(roles: Role.Auditor), letter).ShouldBeTrue();
        LetterAccess.CanSee(Person(roles: Role.Administrator), letter).ShouldBeTrue();
        LetterAccess.CanSee(Person(unit: Guid.NewGuid(), roles: Role.Official), letter).ShouldBeFalse();
    }

    [Theory]
    [InlineData(SecurityLevel.Rahasia)]
    [InlineData(SecurityLevel.SangatRahasia)]
    public void Secret_letters_reach_only_addressed_positions_and_granted_people(SecurityLevel level)
    {
        var letter = Letter(level);
        LetterAccess.CanSee(Person(position: AddresseePosition), letter).ShouldBeTrue();
        LetterAccess.CanSee(new Caller("kota-bekasi", Registrar, "r", [], [RegistryUnit], [Role.Registrar]), letter).ShouldBeTrue();
        LetterAccess.CanSee(Person(unit: AddresseeUnit), letter).ShouldBeFalse();
        LetterAccess.CanSee(Person(unit: RegistryUnit, roles: Role.Registrar), letter).ShouldBeFalse();
        LetterAccess.CanSee(Person(roles: Role.Auditor), letter).ShouldBeFalse();
        LetterAccess.CanSee(Person(roles: Role.Administrator), letter).ShouldBeFalse();
    }

    [Fact]
    public void Acting_assignments_count_only_between_their_dates()
    {
        var own = Guid.NewGuid();
        var covered = Guid.NewGuid();
        var person = new Person { PositionId = own, Acting = [new Acting(covered, ActingKind.Plh, new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 26))] };

        person.PositionsOn(new DateOnly(2026, 11, 23)).ShouldBe([own]);
        person.PositionsOn(new DateOnly(2026, 11, 24)).ShouldBe([own, covered], ignoreOrder: true);
        person.PositionsOn(new DateOnly(2026, 11, 26)).ShouldBe([own, covered], ignoreOrder: true);
        person.PositionsOn(new DateOnly(2026, 11, 27)).ShouldBe([own]);
    }

    [Fact]
    public void Sign_in_failures_lock_the_account_at_the_limit_and_success_clears_them()
    {
        var now = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        var person = new Person { Id = Guid.NewGuid(), FailedSignIns = SignInHandler.MaxFailedAttempts - 2, PasswordHash = Credentials.Hash("rahasia-benar") };
        static SignInCommand Attempt(string password) => new(new SignInRequest("kota-bekasi", "analis", password), "address/1");

        var wrong = SignInHandler.Decide(Attempt("salah"), person, null, now);
        wrong.Decision.Events.ShouldBe([new SignInFailed(person.Id, SignInHandler.MaxFailedAttempts - 1, null)]);
        wrong.Decision.Refusal!.Status.ShouldBe(401);
        wrong.FailedAttempt.ShouldBeTrue();
        person.FailedSignIns++;
        SignInHandler.Decide(Attempt("salah"), person, null, now).Decision.Events
            .ShouldBe([new SignInFailed(person.Id, SignInHandler.MaxFailedAttempts, now + SignInHandler.LockoutTime)]);
        var right = SignInHandler.Decide(Attempt("rahasia-benar"), person, null, now);
        right.Decision.Refused.ShouldBeFalse();
        right.Decision.Events.ShouldBe([new SignedIn(person.Id)]);
        right.FailedAttempt.ShouldBeFalse();
    }

    [Fact]
    public void A_sign_in_is_refused_before_the_password_when_throttled_locked_or_deactivated()
    {
        var now = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        var attempt = new SignInCommand(new SignInRequest("kota-bekasi", "analis", "rahasia-benar"), "address/1");
        var person = new Person { Id = Guid.NewGuid(), PasswordHash = Credentials.Hash("rahasia-benar") };

        SignInHandler.Decide(attempt with { Body = attempt.Body with { Agency = " " } }, person, null, now).Decision.Refusal!.Status.ShouldBe(400);
        var throttled = SignInHandler.Decide(attempt, person, TimeSpan.FromMinutes(3), now);
        (throttled.Decision.Refusal!.Status, throttled.FailedAttempt).ShouldBe((429, false));
        var unknown = SignInHandler.Decide(attempt, null, null, now);
        (unknown.Decision.Refusal!.Status, unknown.FailedAttempt).ShouldBe((401, true));

        person.LockedUntil = now.AddMinutes(2);
        SignInHandler.Decide(attempt, person, null, now).Decision.Refusal!.Extensions["retryAfterSeconds"].ShouldBe(120);
        person.LockedUntil = null;
        person.DeactivatedAt = now.AddDays(-1);
        var deactivated = SignInHandler.Decide(attempt, person, null, now);
        deactivated.Decision.Refusal!.Detail!.ShouldContain("dinonaktifkan");
        (deactivated.Decision.Events.Count, deactivated.FailedAttempt).ShouldBe((0, false));
    }
}
