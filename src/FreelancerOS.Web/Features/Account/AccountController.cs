using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
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
    IConfiguration config,
    TimeProvider clock) : Controller
{
    [AllowAnonymous, HttpGet]
    public async Task<IActionResult> Login(string? returnUrl)
    {
        ViewBag.CanRegister = await RegistrationOpenAsync();
        return View(new LoginForm { ReturnUrl = returnUrl });
    }

    [AllowAnonymous, HttpPost]
    public async Task<IActionResult> Login(LoginForm form)
    {
        ViewBag.CanRegister = await RegistrationOpenAsync();
        if (!ModelState.IsValid) return View(form);

        var result = await signIn.PasswordSignInAsync(form.Email.Trim(), form.Password, form.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
            return Url.IsLocalUrl(form.ReturnUrl) ? LocalRedirect(form.ReturnUrl) : RedirectToAction("Index", "Dashboard");

        ModelState.AddModelError("", result.IsLockedOut
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : "The e-mail address or password is not right.");
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

        var user = new AppUser { UserName = form.Email.Trim(), Email = form.Email.Trim(), CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, form.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
                ModelState.AddModelError(error.Code.Contains("Password") ? nameof(form.Password) : nameof(form.Email), error.Description);
            return View(form);
        }

        currentUser.ActAs(user.Id);
        db.Settings.Add(new AccountSettings { HomeCurrency = Currency.Normalize(form.HomeCurrency) });
        await db.SaveChangesAsync();

        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToAction("Index", "Settings");
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
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

    /// <summary>The first account can always register; after that only when the operator opens it.</summary>
    private async Task<bool> RegistrationOpenAsync() =>
        config.GetValue<bool>("Registration:Open") || !await users.Users.AnyAsync();
}
