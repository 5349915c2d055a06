using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.Extensions.Configuration;

namespace Arsip.Tests.Access;

public class SessionsAndThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static Person Someone() => Person.Create(new PersonRegistered(Guid.NewGuid(), "analis", "Analis", null, null, Credentials.Hash("sandi-lama-01")));
    private static Caller Admin(Guid? id = null) => new("kota-bekasi", id ?? Guid.NewGuid(), "x", [], [], [Role.Administrator]);
    private static DeactivatePersonCommand Deactivate(Person person, Caller caller, string reason = "Pensiun") => new(person.Id, caller, new DeactivatePerson(reason));
    private static ChangePasswordCommand Change(Person person, string current, string next) =>
        new(new Caller("kota-bekasi", person.Id, "Analis", [], [], []), new ChangePassword(current, next), "address/1");

    [Fact]
    public void A_password_change_comes_with_a_new_session_stamp()
    {
        var person = Someone();
        var check = ChangePasswordHandler.Decide(Change(person, "sandi-lama-01", "kata-sandi-baru"), person, null, Now, "stamp-2", p => "hashed:" + p);
        check.FailedAttempt.ShouldBeFalse();
        var events = check.Decision.Events;
        events.OfType<PasswordChanged>().ShouldHaveSingleItem().PasswordHash.ShouldBe("hashed:kata-sandi-baru");
        events.OfType<SessionsEnded>().ShouldHaveSingleItem().ShouldBe(new SessionsEnded(person.Id, "stamp-2", SessionEndReason.PasswordChanged, Now));
        person.Apply(events.OfType<SessionsEnded>().Single());
        person.SessionStamp.ShouldBe("stamp-2");
    }

    [Fact]
    public void A_wrong_current_password_counts_as_a_failed_attempt_and_changes_nothing()
    {
        var person = Someone();
        var wrong = ChangePasswordHandler.Decide(Change(person, "bukan-sandi-ini", "kata-sandi-baru"), person, null, Now, "s", p => p);
        wrong.Decision.Refusal!.Status.ShouldBe(400);
        wrong.Decision.Events.ShouldBeEmpty();
        wrong.FailedAttempt.ShouldBeTrue();
        var throttled = ChangePasswordHandler.Decide(Change(person, "sandi-lama-01", "kata-sandi-baru"), person, TimeSpan.FromSeconds(61), Now, "s", p => p);
        throttled.Decision.Refusal!.Status.ShouldBe(429);
        throttled.Decision.Refusal.Extensions["retryAfterSeconds"].ShouldBe(61);
        throttled.FailedAttempt.ShouldBeFalse();
        ChangePasswordHandler.Decide(Change(person, "sandi-lama-01", "pendek"), person, null, Now, "s", p => p).Decision.Refusal!.Status.ShouldBe(400);
    }

    [Fact]
    public void A_person_is_deactivated_once_and_their_sessions_end_with_it()
    {
        var person = Someone();
        var events = DeactivatePersonHandler.Decide(Deactivate(person, Admin()), person, Now, "stamp-2").Events;
        events.Select(e => e.GetType()).ShouldBe([typeof(PersonDeactivated), typeof(SessionsEnded)]);
        person.Apply((PersonDeactivated)events[0]);
        person.DeactivatedAt.ShouldBe(Now);
        var again = DeactivatePersonHandler.Decide(Deactivate(person, Admin()), person, Now, "stamp-3");
        again.Refused.ShouldBeFalse();
        again.Events.ShouldBeEmpty();
    }

    [Fact]
    public void An_administrator_may_not_deactivate_themselves()
    {
        var person = Someone();
        DeactivatePersonHandler.Decide(Deactivate(person, Admin(person.Id)), person, Now, "s").Refusal!.Status.ShouldBe(409);
        DeactivatePersonHandler.Decide(Deactivate(person, Admin()), person, Now, "s").Refused.ShouldBeFalse();
        DeactivatePersonHandler.Decide(Deactivate(person, Admin(), " "), person, Now, "s").Refusal!.Status.ShouldBe(400);
        DeactivatePersonHandler.Decide(Deactivate(person, Admin()), null, Now, "s").Refusal!.Status.ShouldBe(404);
    }

    [Fact]
    public void New_session_stamps_differ()
    {
        Enumerable.Range(0, 100).Select(_ => Credentials.NewSessionStamp()).Distinct().Count().ShouldBe(100);
    }

    [Fact]
    public void The_throttle_counts_failures_over_a_sliding_window()
    {
        var account = SignInThrottle.AccountKey("kota-bekasi", "Analis ");
        SignInThrottle.AccountKey("KOTA-BEKASI", "analis").ShouldBe(account, "names compare as the sign-in does, trimmed, any case");
        var window = TimeSpan.FromMinutes(10);
        DateTimeOffset[] failures = [Now, Now.AddMinutes(4), Now.AddMinutes(4)];

        SignInThrottle.Wait(failures, 3, window, Now.AddMinutes(4)).ShouldBe(TimeSpan.FromMinutes(6), "until the first failure leaves the window");
        SignInThrottle.Wait(failures, 3, window, Now.AddMinutes(10)).ShouldBe(TimeSpan.Zero);
        SignInThrottle.Wait(failures.Take(2).ToList(), 3, window, Now.AddMinutes(4)).ShouldBe(TimeSpan.Zero, "below the limit");
        SignInThrottle.Wait([.. failures, Now.AddMinutes(10), Now.AddMinutes(10), Now.AddMinutes(10)], 5, window, Now.AddMinutes(10))
            .ShouldBe(TimeSpan.FromMinutes(4), "the first failure left; of the five in the window, the two at minute 4 leave in 4 minutes");
        SignInThrottle.Wait([Now.AddMinutes(4), Now], 2, window, Now.AddMinutes(5)).ShouldBe(TimeSpan.FromMinutes(5), "in any order");
    }

    [Theory]
    [InlineData("--Arsip:DataDirectory=/p", true)]
    [InlineData("--ConnectionStrings:Arsip=Host=x;Database=y", true)]
    [InlineData("--agency", false)]
    [InlineData("--agency=kota-bekasi", false)]
    [InlineData("kota-bekasi", false)]
    [InlineData("-a:b=c", false)]
    [InlineData("--=a:b", false)]
    public void Settings_are_told_from_command_arguments(string arg, bool setting) =>
        CommandLineSettings.IsSetting(arg).ShouldBe(setting);

    [Fact]
    public void A_command_keeps_its_own_arguments_in_order()
    {
        CommandLineSettings.CommandArguments(["--Arsip:DataDirectory=/p", "verify", "--agency", "x", "--ConnectionStrings:Arsip=Host=h", "--letter", "y"])
            .ShouldBe(["verify", "--agency", "x", "--letter", "y"]);
    }
}
