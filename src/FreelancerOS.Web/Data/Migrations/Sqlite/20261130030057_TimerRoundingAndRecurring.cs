using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TimerRoundingAndRecurring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HasRecurringSchedules",
                table: "AccountSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "TimerRoundingMinutes",
                table: "AccountSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TimerRoundingMode",
                table: "AccountSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "RecurringSchedules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: true),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    DayOfWeek = table.Column<int>(type: "INTEGER", nullable: false),
                    DayOfMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndKind = table.Column<int>(type: "INTEGER", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MaxRuns = table.Column<int>(type: "INTEGER", nullable: true),
                    TaxRate = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    IncludedHours = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    OverageRate = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    IsPaused = table.Column<bool>(type: "INTEGER", nullable: false),
                    RunsMade = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRunDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NextRunDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecurringSchedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecurringSchedules_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RecurringSchedules_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecurringSchedules_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "RecurringLine",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScheduleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    UnitPrice = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecurringLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecurringLine_RecurringSchedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "RecurringSchedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RecurringRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScheduleId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RunDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    InvoiceId = table.Column<int>(type: "INTEGER", nullable: true),
                    HoursUsed = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    OverageHours = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecurringRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecurringRuns_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RecurringRuns_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_RecurringRuns_RecurringSchedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "RecurringSchedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecurringLine_ScheduleId_Position",
                table: "RecurringLine",
                columns: new[] { "ScheduleId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_RecurringRuns_InvoiceId",
                table: "RecurringRuns",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_RecurringRuns_OwnerId",
                table: "RecurringRuns",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_RecurringRuns_ScheduleId_PeriodStart",
                table: "RecurringRuns",
                columns: new[] { "ScheduleId", "PeriodStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecurringSchedules_ClientId",
                table: "RecurringSchedules",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_RecurringSchedules_IsPaused_NextRunDate",
                table: "RecurringSchedules",
                columns: new[] { "IsPaused", "NextRunDate" });

            migrationBuilder.CreateIndex(
                name: "IX_RecurringSchedules_OwnerId",
                table: "RecurringSchedules",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_RecurringSchedules_OwnerId_ClientId",
                table: "RecurringSchedules",
                columns: new[] { "OwnerId", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_RecurringSchedules_ProjectId",
                table: "RecurringSchedules",
                column: "ProjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecurringLine");

            migrationBuilder.DropTable(
                name: "RecurringRuns");

            migrationBuilder.DropTable(
                name: "RecurringSchedules");

            migrationBuilder.DropColumn(
                name: "HasRecurringSchedules",
                table: "AccountSettings");

            migrationBuilder.DropColumn(
                name: "TimerRoundingMinutes",
                table: "AccountSettings");

            migrationBuilder.DropColumn(
                name: "TimerRoundingMode",
                table: "AccountSettings");
        }
    }
}
