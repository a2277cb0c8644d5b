using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdoptionBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Portfolio : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AiActClass",
                table: "ideas",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AiActReason",
                table: "ideas",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AiChampion",
                table: "ideas",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BenefitAssumptions",
                table: "ideas",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BudgetApproved",
                table: "ideas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BudgetRequested",
                table: "ideas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClockPausedAtUtc",
                table: "ideas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Details",
                table: "ideas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalRef",
                table: "ideas",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Facts",
                table: "ideas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstAnswer",
                table: "ideas",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstAnswerAtUtc",
                table: "ideas",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FirstAnswerEscalation",
                table: "ideas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "ideas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "ideas",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "teams");

            migrationBuilder.AddColumn<string>(
                name: "OwnerContact",
                table: "ideas",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerName",
                table: "ideas",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerObjectId",
                table: "ideas",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParkedReason",
                table: "ideas",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Partner",
                table: "ideas",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartnerKind",
                table: "ideas",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PausedWorkingDays",
                table: "ideas",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ProgrammeContactName",
                table: "ideas",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProgrammeContactObjectId",
                table: "ideas",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Published",
                table: "ideas",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RealisedBenefit",
                table: "ideas",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportLinks",
                table: "ideas",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Score",
                table: "ideas",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StageEnteredAtUtc",
                table: "ideas",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "idea_status_changes",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "move");

            migrationBuilder.CreateTable(
                name: "ai_act_screenings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdeaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Duties = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ScreenedByObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ScreenedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ScreenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ai_act_screenings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ai_act_screenings_ideas_IdeaId",
                        column: x => x.IdeaId,
                        principalTable: "ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdeaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false),
                    ValueRationale = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Feasibility = table.Column<int>(type: "INTEGER", nullable: false),
                    FeasibilityRationale = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DataAvailability = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReuseCheck = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SuccessCriteria = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AssessorObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AssessorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AssessedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_assessments_ideas_IdeaId",
                        column: x => x.IdeaId,
                        principalTable: "ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "board_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdeaId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToStage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MeetingDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    QueuedByObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    QueuedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    QueuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DecisionComment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedByObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OwnerToldAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LegalSignOffByObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LegalSignOffByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LegalSignOffAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_board_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_board_items_ideas_IdeaId",
                        column: x => x.IdeaId,
                        principalTable: "ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "catalogue_imports",
                columns: table => new
                {
                    Path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_imports", x => x.Path);
                });

            migrationBuilder.CreateTable(
                name: "gate_ticks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdeaId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Criterion = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TickedByObjectId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TickedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TickedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gate_ticks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_gate_ticks_ideas_IdeaId",
                        column: x => x.IdeaId,
                        principalTable: "ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ideas_ExternalRef",
                table: "ideas",
                column: "ExternalRef",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ideas_Published",
                table: "ideas",
                column: "Published");

            migrationBuilder.CreateIndex(
                name: "IX_ai_act_screenings_IdeaId",
                table: "ai_act_screenings",
                column: "IdeaId");

            migrationBuilder.CreateIndex(
                name: "IX_assessments_IdeaId",
                table: "assessments",
                column: "IdeaId");

            migrationBuilder.CreateIndex(
                name: "IX_board_items_IdeaId",
                table: "board_items",
                column: "IdeaId");

            migrationBuilder.CreateIndex(
                name: "IX_board_items_MeetingDate_Decision",
                table: "board_items",
                columns: new[] { "MeetingDate", "Decision" });

            migrationBuilder.CreateIndex(
                name: "IX_gate_ticks_IdeaId_Stage_Criterion",
                table: "gate_ticks",
                columns: new[] { "IdeaId", "Stage", "Criterion" },
                unique: true);

            // Ideas stored before the portfolio: each entered its stage at its last change, and from proof of concept on it was in the catalogue.
            migrationBuilder.Sql("UPDATE ideas SET \"StageEnteredAtUtc\" = \"UpdatedAtUtc\";");
            migrationBuilder.Sql("UPDATE ideas SET \"Published\" = TRUE WHERE \"Status\" IN ('poc', 'pilot', 'rollout');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ai_act_screenings");

            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "board_items");

            migrationBuilder.DropTable(
                name: "catalogue_imports");

            migrationBuilder.DropTable(
                name: "gate_ticks");

            migrationBuilder.DropIndex(
                name: "IX_ideas_ExternalRef",
                table: "ideas");

            migrationBuilder.DropIndex(
                name: "IX_ideas_Published",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "AiActClass",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "AiActReason",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "AiChampion",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "BenefitAssumptions",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "BudgetApproved",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "BudgetRequested",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "ClockPausedAtUtc",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "Details",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "ExternalRef",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "Facts",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "FirstAnswer",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "FirstAnswerAtUtc",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "FirstAnswerEscalation",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "Origin",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "OwnerContact",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "OwnerName",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "OwnerObjectId",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "ParkedReason",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "Partner",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "PartnerKind",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "PausedWorkingDays",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "ProgrammeContactName",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "ProgrammeContactObjectId",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "Published",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "RealisedBenefit",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "ReportLinks",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "Score",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "StageEnteredAtUtc",
                table: "ideas");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "idea_status_changes");
        }
    }
}
