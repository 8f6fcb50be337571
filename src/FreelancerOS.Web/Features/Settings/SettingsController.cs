using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Settings;

public sealed class SettingsController(AppDbContext db, CurrentAccount account, UserManager<AppUser> users, SignInManager<AppUser> signIn) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index()
    {
        var settings = await account.SettingsAsync();
        return View(SettingsForm.From(settings));
    }

    [HttpPost]
    public async Task<IActionResult> Index(SettingsForm form)
    {
        if (!ModelState.IsValid) return View(form);

        var settings = await db.Settings.SingleOrDefaultAsync();
        if (settings is null)
        {
            settings = new AccountSettings();
            db.Settings.Add(settings);
        }
        else
        {
            db.Entry(settings).Property(s => s.Version).OriginalValue = form.Version;
        }
        try
        {
            settings.ChangeHomeCurrency(form.HomeCurrency, await db.LedgerEntries.AnyAsync());
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(nameof(SettingsForm.HomeCurrency), e.Message);
            return View(form);
        }
        form.ApplyTo(settings);
        if (!await SaveAsync()) return View(form);
        TempData["Flash"] = "Settings saved.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>False, with the reason in the form's errors, when another tab saved the settings first.</summary>
    private async Task<bool> SaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "These settings were changed in another tab or window. Reload the page to see the current values, then make your change again.");
            return false;
        }
        // The display culture travels in the sign-in cookie: refresh it so the change shows at once.
        if (await users.GetUserAsync(User) is { } user) await signIn.RefreshSignInAsync(user);
        return true;
    }
}
