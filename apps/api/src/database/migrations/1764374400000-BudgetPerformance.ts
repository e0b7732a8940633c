import { type MigrationInterface, type QueryRunner } from 'typeorm';

// Budget projects, funding lines, payments and warnings; performance indicators and self-evaluations
// (DESIGN §3 Budget / Performance). Money is numeric(18,2) 元. A payment names its project and its
// funding line, and the composite foreign key makes a line of another project impossible.
export class BudgetPerformance1764374400000 implements MigrationInterface {
  name = 'BudgetPerformance1764374400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE budget_project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_code char(6) NOT NULL REFERENCES division(code),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        aliases text[] NOT NULL DEFAULT '{}',
        category text NOT NULL CHECK (category IN ('basic', 'project')),
        supervising_unit text NOT NULL,
        implementing_unit text NOT NULL,
        monthly_plan numeric(18,2)[] CHECK (monthly_plan IS NULL OR cardinality(monthly_plan) = 12),
        pace_mode text NOT NULL DEFAULT 'monthly' CHECK (pace_mode IN ('monthly', 'daily')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_budget_project_division_year_code" UNIQUE (division_code, year, code)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_budget_project_year" ON budget_project (year, division_code)`);

    await queryRunner.query(`
      CREATE TABLE budget_funding_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_project(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('superior', 'local', 'other')),
        fund_type text NOT NULL CHECK (fund_type IN ('general', 'gov_fund', 'state_capital', 'other')),
        label text,
        initial_budget numeric(18,2) NOT NULL CHECK (initial_budget >= 0),
        adjusted_budget numeric(18,2) NOT NULL CHECK (adjusted_budget >= 0),
        carried_in numeric(18,2) NOT NULL DEFAULT 0 CHECK (carried_in >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_budget_funding_line_project_source_type" UNIQUE (project_id, source, fund_type),
        CONSTRAINT "UQ_budget_funding_line_id_project" UNIQUE (id, project_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE budget_payment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_project(id) ON DELETE CASCADE,
        funding_line_id uuid NOT NULL,
        paid_on date NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount > 0),
        functional_code text NOT NULL CHECK (functional_code ~ '^[0-9]{3}([0-9]{2}([0-9]{2})?)?$'),
        economic_code text NOT NULL CHECK (economic_code ~ '^[0-9]{3}([0-9]{2})?$'),
        memo text CHECK (memo IS NULL OR length(memo) <= 500),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "FK_budget_payment_line_of_project" FOREIGN KEY (funding_line_id, project_id)
          REFERENCES budget_funding_line (id, project_id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_budget_payment_project_date" ON budget_payment (project_id, paid_on)`);
    await queryRunner.query(`CREATE INDEX "IDX_budget_payment_line" ON budget_payment (funding_line_id)`);

    await queryRunner.query(`
      CREATE TABLE budget_warning (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_project(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('behind_pace', 'projected_below_threshold', 'year_end_below_threshold')),
        message text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        raised_at timestamptz NOT NULL DEFAULT now(),
        cleared_at timestamptz,
        CHECK (cleared_at IS NULL OR cleared_at >= raised_at)
      )`);
    // At most one open warning of a kind per project: the job raises it once and clears it once.
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_budget_warning_open" ON budget_warning (project_id, kind) WHERE cleared_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_budget_warning_raised" ON budget_warning (raised_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE performance_indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_project(id) ON DELETE CASCADE,
        level1 text NOT NULL CHECK (level1 IN ('output', 'benefit', 'satisfaction')),
        level2 text NOT NULL CHECK (level2 IN ('quantity', 'quality', 'timeliness', 'cost', 'economic', 'social', 'ecological', 'sustainability', 'satisfaction')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        direction text NOT NULL CHECK (direction IN ('>=', '<=', '=', 'qual')),
        target_value numeric(20,4),
        target_text text,
        unit text,
        weight numeric(5,2) CHECK (weight IS NULL OR (weight >= 0 AND weight <= 100)),
        actual_value numeric(20,4),
        actual_text text,
        qualitative_tier text CHECK (qualitative_tier IS NULL OR qualitative_tier IN ('met', 'partly_met', 'not_met')),
        qualitative_share numeric(5,4) CHECK (qualitative_share IS NULL OR (qualitative_share >= 0 AND qualitative_share <= 1)),
        not_applicable boolean NOT NULL DEFAULT false,
        reverse_formula text CHECK (reverse_formula IS NULL OR reverse_formula IN ('ratio', 'linear')),
        deviation_reason text,
        binding_kind text NOT NULL DEFAULT 'manual' CHECK (binding_kind IN ('manual', 'metric', 'events', 'execution')),
        binding_metric text,
        binding_event_type text,
        sort_order int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (direction = 'qual' OR target_value IS NOT NULL),
        CHECK (binding_kind <> 'metric' OR binding_metric IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_performance_indicator_project" ON performance_indicator (project_id, sort_order)`);

    await queryRunner.query(`
      CREATE TABLE performance_self_evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES budget_project(id) ON DELETE CASCADE,
        template text NOT NULL CHECK (template IN ('sichuan', 'mof', 'hubei', 'custom')),
        custom_weights jsonb,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'frozen')),
        expected_goal text,
        achieved_goal text,
        execution_reason text,
        line_reasons jsonb NOT NULL DEFAULT '{}',
        preparer text,
        phone text,
        filled_on date,
        snapshot jsonb,
        submitted_at timestamptz,
        frozen_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_performance_self_evaluation_project" UNIQUE (project_id),
        CHECK (template <> 'custom' OR custom_weights IS NOT NULL),
        CHECK (status <> 'frozen' OR snapshot IS NOT NULL)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['performance_self_evaluation', 'performance_indicator', 'budget_warning', 'budget_payment', 'budget_funding_line', 'budget_project']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
