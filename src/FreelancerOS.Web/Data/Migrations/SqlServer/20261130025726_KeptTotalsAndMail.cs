using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class KeptTotalsAndMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InvoiceReminderOptOuts",
                columns: table => new
                {
                    InvoiceId = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvoiceReminderOptOuts", x => x.InvoiceId);
                    table.ForeignKey(
                        name: "FK_InvoiceReminderOptOuts_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvoiceReminders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    InvoiceId = table.Column<int>(type: "int", nullable: false),
                    DaysFromDue = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvoiceReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvoiceReminders_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LedgerMonthTotals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Period = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    PaymentModeId = table.Column<int>(type: "int", nullable: false),
                    CategoryId = table.Column<int>(type: "int", nullable: false),
                    Currency = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false),
                    HomeAmountMinor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerMonthTotals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerMonthTotals_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MailSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SmtpHost = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    SmtpPort = table.Column<int>(type: "int", nullable: false),
                    Security = table.Column<int>(type: "int", nullable: false),
                    SmtpUser = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    FromAddress = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    FromName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    InvoiceSubject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    InvoiceBody = table.Column<string>(type: "nvarchar(max)", maxLength: 10000, nullable: false),
                    RemindersEnabled = table.Column<bool>(type: "bit", nullable: false),
                    PublicBaseUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MailSettings_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "ReminderRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DaysFromDue = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 10000, nullable: false),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReminderRules_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_OwnerId_Date_Id",
                table: "LedgerEntries",
                columns: new[] { "OwnerId", "Date", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_InvoiceReminders_InvoiceId_DaysFromDue",
                table: "InvoiceReminders",
                columns: new[] { "InvoiceId", "DaysFromDue" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMonthTotals_OwnerId_Period_Kind_PaymentModeId_CategoryId_Count_HomeAmountMinor",
                table: "LedgerMonthTotals",
                columns: new[] { "OwnerId", "Period", "Kind", "PaymentModeId", "CategoryId", "Count", "HomeAmountMinor" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMonthTotals_OwnerId_Period_Kind_PaymentModeId_CategoryId_Currency",
                table: "LedgerMonthTotals",
                columns: new[] { "OwnerId", "Period", "Kind", "PaymentModeId", "CategoryId", "Currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MailSettings_OwnerId",
                table: "MailSettings",
                column: "OwnerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderRules_OwnerId",
                table: "ReminderRules",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_ReminderRules_OwnerId_DaysFromDue",
                table: "ReminderRules",
                columns: new[] { "OwnerId", "DaysFromDue" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InvoiceReminderOptOuts");

            migrationBuilder.DropTable(
                name: "InvoiceReminders");

            migrationBuilder.DropTable(
                name: "LedgerMonthTotals");

            migrationBuilder.DropTable(
                name: "MailSettings");

            migrationBuilder.DropTable(
                name: "ReminderRules");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_OwnerId_Date_Id",
                table: "LedgerEntries");
        }
    }
}
