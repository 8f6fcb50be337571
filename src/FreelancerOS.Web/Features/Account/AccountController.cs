using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Account;

public sealed class AccountController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AppDbContext db,
    CurrentUser currentUser,
    IConfiguration config) : Controller
{
    [AllowAnonymous, HttpGet]
    public async Task<IActionResult> Login(string? returnUrl) =>
        View(new LoginForm { ReturnUrl = returnUrl, CanRegister = await RegistrationOpenAsync() });

    [AllowAnonymous, HttpPost]
    public async Task<IActionResult> Login(LoginForm form)
    {
        form.CanRegister = await RegistrationOpenAsync();
        if (!ModelState.IsValid) return View(form);

        if (await SignInAsync(form)) return Url.IsLocalUrl(form.ReturnUrl) ? LocalRedirect(form.ReturnUrl) : RedirectToAction("Index", "Dashboard");

        // One message whether the address is unknown, the password wrong or the account locked: the page must
        // not tell a stranger which addresses have an account.
        ModelState.AddModelError("", "The e-mail address or password is not right, or the account is locked after too many attempts: then wait 15 minutes.");
        return View(form);
    }

    [AllowAnonymous, HttpGet]
    public async Task<IActionResult> Register()
    {
        if (!await RegistrationOpenAsync()) return View("RegistrationClosed");
        return View(new RegisterForm());
    }

    [AllowAnonymous, HttpPost]
    public async Task<IActionResult> Register(RegisterForm form)
    {
        if (!await RegistrationOpenAsync()) return View("RegistrationClosed");
        if (!ModelState.IsValid) return View(form);
        // The "no account yet" check and the insert in one locked transaction: ten sign-ups at once make one account.
        await using var tx = await Database.BeginExclusiveAsync(db, FirstAccountLock);
        if (!await RegistrationOpenAsync()) return View("RegistrationClosed");

        var user = new AppUser { UserName = form.Email.Trim(), Email = form.Email.Trim() };
        var created = await users.CreateAsync(user, form.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
                ModelState.AddModelError(error.Code.Contains("Password") ? nameof(form.Password) : nameof(form.Email), error.Description);
            return View(form);
        }

        currentUser.ActAs(user.Id);
        db.Settings.Add(new AccountSettings { HomeCurrency = Currency.Normalize(form.HomeCurrency) });
        LedgerLists.AddDefaults(db, user.Id);
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToAction("Index", "Settings");
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        // A new stamp makes every cookie issued before (a copied one, another browser) fail its next validation.
        if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [HttpGet]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form)
    {
        if (!ModelState.IsValid) return View(form);
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();

        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword), error.Description);
            return View(form);
        }
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = "Your password was changed.";
        return RedirectToAction("Index", "Settings");
    }

    /// <summary>
    /// Every failed path hashes a password once, as a known address with a wrong password does, so the
    /// answer takes the same time for an unknown address, a locked account and a wrong password.
    /// </summary>
    private async Task<bool> SignInAsync(LoginForm form)
    {
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            users.PasswordHasher.VerifyHashedPassword(user ?? new AppUser(), TimingHash.Value, form.Password);
            return false;
        }
        return (await signIn.PasswordSignInAsync(user, form.Password, form.RememberMe, lockoutOnFailure: true)).Succeeded;
    }

    private const long FirstAccountLock = 0x46_4F_53_52_45_47; // "FOSREG"

    private static readonly Lazy<string> TimingHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    /// <summary>The first account can always register; after that only when the operator opens it.</summary>
    private async Task<bool> RegistrationOpenAsync() =>
        config.GetValue<bool>("Registration:Open") || !await users.Users.AnyAsync();
}
